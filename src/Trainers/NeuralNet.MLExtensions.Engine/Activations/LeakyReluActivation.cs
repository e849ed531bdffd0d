namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>a = z for z &gt; 0, else <see cref="Slope"/>·z; da/dz = 1 or <see cref="Slope"/>.</summary>
internal sealed class LeakyReluActivation : ActivationFunction
{
    /// <summary>The slope for negative inputs.</summary>
    public const float Slope = 0.01f;
    public static readonly LeakyReluActivation Instance = new();
    public override bool UsesHeInitialization => true;
    public override bool BackwardReadsInput => false;

    // z: [n] → a: [n]
    public override void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        CheckLengths(z.Length, a.Length, "Leaky ReLU forward");
        for (int i = 0; i < z.Length; i++)
        {
            float v = z[i];
            a[i] = v > 0f ? v : Slope * v;
        }
    }

    // a: [n] (same sign as z), grad: [n] dL/da → dL/dz
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad)
    {
        CheckLengths(a.Length, grad.Length, "Leaky ReLU backward");
        for (int i = 0; i < grad.Length; i++)
            if (a[i] <= 0f) grad[i] *= Slope;
    }

    public override double Reference(double z) => z > 0 ? z : Slope * z;
}
