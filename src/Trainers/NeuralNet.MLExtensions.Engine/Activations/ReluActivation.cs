using System.Numerics.Tensors;

namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>a = max(0, z); da/dz = 1 for z &gt; 0, else 0 (read from a, since a &gt; 0 exactly when z &gt; 0).</summary>
internal sealed class ReluActivation : ActivationFunction
{
    public static readonly ReluActivation Instance = new();
    public override Activation Kind => Activation.Relu;
    public override bool UsesHeInitialization => true;
    public override bool BackwardNeedsInput => false;

    // z: [n] → a: [n]
    public override void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        CheckLengths(z.Length, a.Length, "ReLU forward");
        TensorPrimitives.Max(z, 0f, a);
    }

    // a: [n], grad: [n] dL/da → dL/dz
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad)
    {
        CheckLengths(a.Length, grad.Length, "ReLU backward");
        for (int i = 0; i < grad.Length; i++)
            if (a[i] <= 0f) grad[i] = 0f;
    }

    public override double Reference(double z) => Math.Max(0, z);
}
