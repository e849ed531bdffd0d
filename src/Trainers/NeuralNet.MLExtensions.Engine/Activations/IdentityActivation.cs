namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>a = z; da/dz = 1. Adding the bias is all a dense layer with this activation does after its product.</summary>
internal sealed class IdentityActivation : ActivationFunction
{
    public static readonly IdentityActivation Instance = new();
    public override bool UsesHeInitialization => false;
    public override bool BackwardReadsInput => false;

    // z: [n] → a: [n]
    public override void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        CheckLengths(z.Length, a.Length, "identity forward");
        if (!z.Overlaps(a)) z.CopyTo(a);
    }

    // grad: [n] unchanged
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad) { }

    public override double Reference(double z) => z;
}
