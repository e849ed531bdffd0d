using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>
/// An element-wise non-linearity a = f(z) with its derivative, over whole mini-batch buffers (any shape, flattened).
/// Forward and backward sit side by side in each implementation. A dense layer calls <see cref="ForwardWithBias"/>,
/// which adds its bias and applies f; an activation with a fused kernel for that (ReLU) overrides it, so the code
/// that runs is in the activation's own file.
/// </summary>
internal abstract class ActivationFunction
{
    /// <summary>True when the He (fan-in, gain 2) initialisation suits this activation; Glorot otherwise.</summary>
    public abstract bool UsesHeInitialization { get; }

    /// <summary>
    /// True when <see cref="Backward"/> reads z, so training must keep z apart from a; otherwise a is formed in place
    /// over z and backward gets an empty z.
    /// </summary>
    public abstract bool BackwardReadsInput { get; }

    /// <summary>a = f(z). z: [n], a: [n]; a may be z itself.</summary>
    public abstract void Forward(ReadOnlySpan<float> z, Span<float> a);

    /// <summary>z: [rows×width] ← z + bias (every row), then a: [rows×width] = f(z); a may be z. bias: [width].</summary>
    public virtual void ForwardWithBias(ReadOnlySpan<float> bias, int rows, Span<float> z, Span<float> a)
    {
        ElementWise.BiasAdd(bias, rows, z);
        int size = rows * bias.Length;
        Forward(z[..size], a[..size]);
    }

    /// <summary>
    /// grad ← grad ⊙ f'(z). z: [n] the forward input (empty unless <see cref="BackwardReadsInput"/>), a: [n] the
    /// forward output; grad: [n] dL/da in, dL/dz out.
    /// </summary>
    public abstract void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad);

    /// <summary>Scalar f(z) in double precision: the reference gradient checks compare against.</summary>
    public abstract double Reference(double z);

    /// <summary>The implementation of <paramref name="kind"/>.</summary>
    public static ActivationFunction For(Activation kind) => kind switch
    {
        Activation.Relu => ReluActivation.Instance,
        Activation.LeakyRelu => LeakyReluActivation.Instance,
        Activation.Tanh => TanhActivation.Instance,
        Activation.Sigmoid => SigmoidActivation.Instance,
        Activation.Gelu => GeluActivation.Instance,
        Activation.Identity => IdentityActivation.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown activation {(int)kind}."),
    };

    protected static void CheckLengths(int z, int a, string what)
    {
        if (z != a) throw new ArgumentException($"{what}: buffers differ in length ({z} and {a}).");
    }
}
