namespace NeuralNet.MLExtensions.Engine.Activations;

/// <summary>
/// GELU, tanh form: a = ½z(1 + tanh(u)), u = √(2/π)(z + 0.044715z³);
/// da/dz = ½(1 + t) + ½z(1 − t²)·√(2/π)(1 + 3·0.044715z²), t = tanh(u).
/// </summary>
internal sealed class GeluActivation : ActivationFunction
{
    private const float C = 0.7978845608028654f; // √(2/π)
    private const float K = 0.044715f;
    public static readonly GeluActivation Instance = new();
    public override bool UsesHeInitialization => true;
    public override bool BackwardReadsInput => true;

    // z: [n] → a: [n]
    public override void Forward(ReadOnlySpan<float> z, Span<float> a)
    {
        CheckLengths(z.Length, a.Length, "GELU forward");
        for (int i = 0; i < z.Length; i++)
        {
            float v = z[i];
            a[i] = 0.5f * v * (1f + MathF.Tanh(C * (v + K * v * v * v)));
        }
    }

    // z: [n], grad: [n] dL/da → dL/dz
    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> grad)
    {
        CheckLengths(z.Length, grad.Length, "GELU backward");
        for (int i = 0; i < grad.Length; i++)
        {
            float v = z[i];
            float t = MathF.Tanh(C * (v + K * v * v * v));
            float d = 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * C * (1f + 3f * K * v * v);
            grad[i] *= d;
        }
    }

    public override double Reference(double z) =>
        0.5 * z * (1 + Math.Tanh(0.7978845608028654 * (z + 0.044715 * z * z * z)));
}
