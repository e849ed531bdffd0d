using System.Numerics.Tensors;

namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>a = tanh(z); da/dz = 1 − a².</summary>
internal sealed class TanhActivation : ActivationFunction
{
    public static readonly TanhActivation Instance = new();
    public override bool UsesHeInitialization => false;
    public override bool BackwardReadsInput => false;

    // z: [n] → a: [n]
    public override void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        CheckLengths(z.Length, a.Length, "tanh forward");
        TensorPrimitives.Tanh(z, a);
    }

    // a: [n], grad: [n] dL/da → dL/dz
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad)
    {
        CheckLengths(a.Length, grad.Length, "tanh backward");
        for (int i = 0; i < grad.Length; i++)
            grad[i] *= 1f - a[i] * a[i];
    }

    public override double Reference(double z) => Math.Tanh(z);
}
