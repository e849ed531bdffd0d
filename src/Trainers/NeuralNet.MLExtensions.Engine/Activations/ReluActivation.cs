using System.Numerics.Tensors;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>a = max(0, z); da/dz = 1 for z &gt; 0, else 0 (read from a, since a &gt; 0 exactly when z &gt; 0).</summary>
internal sealed class ReluActivation : ActivationFunction
{
    public static readonly ReluActivation Instance = new();
    public override bool UsesHeInitialization => true;
    public override bool BackwardReadsInput => false;

    // z: [n] → a: [n]
    public override void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        CheckLengths(z.Length, a.Length, "ReLU forward");
        TensorPrimitives.Max(z, 0f, a);
    }

    // z: [rows×width] ← z + bias, a: [rows×width] = max(z, 0), in one pass (the path dense layers take).
    public override void ForwardWithBias(ReadOnlySpan<float> bias, int rows, Span<float> z, Span<float> a) =>
        ElementWise.BiasRelu(bias, rows, z, a);

    // a: [n], grad: [n] dL/da → dL/dz (0 where a ≤ 0), vectorised.
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad)
    {
        CheckLengths(a.Length, grad.Length, "ReLU backward");
        ElementWise.ReluBackward(a, grad);
    }

    public override double Reference(double z) => Math.Max(0, z);
}
