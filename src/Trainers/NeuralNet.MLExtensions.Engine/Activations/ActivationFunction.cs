namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>
/// An element-wise non-linearity a = f(z) with its derivative. Forward and backward sit side by side in each
/// implementation; both work over whole mini-batch buffers (any shape, flattened).
/// </summary>
internal abstract class ActivationFunction
{
    /// <summary>Which activation this is.</summary>
    public abstract Activation Kind { get; }

    /// <summary>True when the He (fan-in, gain 2) initialisation suits this activation; Glorot otherwise.</summary>
    public abstract bool UsesHeInitialization { get; }

    /// <summary>a = f(z). z: [n], a: [n]; a may alias z only when <see cref="BackwardNeedsInput"/> is false.</summary>
    public abstract void Forward(ReadOnlySpan<float> z, Span<float> a);

    /// <summary>grad ← grad ⊙ f'(z). z, a: [n] the forward input and output; grad: [n] dL/da in, dL/dz out.</summary>
    public abstract void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad);

    /// <summary>True when <see cref="Backward"/> reads z (not only a).</summary>
    public abstract bool BackwardNeedsInput { get; }

    /// <summary>Scalar f(z) in double precision: the reference used by gradient checks.</summary>
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
