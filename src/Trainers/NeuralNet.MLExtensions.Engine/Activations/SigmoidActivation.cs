using System.Numerics.Tensors;

namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>a = 1/(1+e^−z); da/dz = a(1 − a).</summary>
internal sealed class SigmoidActivation : ActivationFunction
{
    public static readonly SigmoidActivation Instance = new();
    public override bool UsesHeInitialization => false;
    public override bool BackwardReadsInput => false;

    // z: [n] → a: [n]
    public override void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        CheckLengths(z.Length, a.Length, "sigmoid forward");
        TensorPrimitives.Sigmoid(z, a);
    }

    // a: [n], grad: [n] dL/da → dL/dz
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad)
    {
        CheckLengths(a.Length, grad.Length, "sigmoid backward");
        for (int i = 0; i < grad.Length; i++)
            grad[i] *= a[i] * (1f - a[i]);
    }

    public override double Reference(double z) => 1.0 / (1.0 + Math.Exp(-z));
}
