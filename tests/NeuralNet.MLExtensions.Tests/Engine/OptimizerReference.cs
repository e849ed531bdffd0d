namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// The optimizers' update rules re-derived from their textbook definitions in double precision, one step at a time,
/// as oracles for the golden tests. Each returns the new parameters and updates its state arrays in place.
/// </summary>
internal static class OptimizerReference
{
    /// <summary>v ← μv + g; p ← p − lr·v, or with Nesterov p ← p − lr·(g + μv) using the new v.</summary>
    public static void Sgd(double[] p, double[] v, IReadOnlyList<float> g, double lr, double mu, bool nesterov)
    {
        for (int i = 0; i < p.Length; i++)
        {
            v[i] = mu * v[i] + g[i];
            p[i] -= lr * (nesterov ? g[i] + mu * v[i] : v[i]);
        }
    }

    /// <summary>
    /// AdamW (Adam when λ = 0) at step t (1-based): first w ← w − lr·λ·w on the first <paramref name="weightCount"/>
    /// parameters, then m ← β1m + (1−β1)g, v ← β2v + (1−β2)g², p ← p − lr·m̂/(√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
    /// </summary>
    public static void AdamW(double[] p, double[] m, double[] v, IReadOnlyList<float> g, int t, double lr,
        double beta1, double beta2, double epsilon, double decay, int weightCount)
    {
        for (int i = 0; i < weightCount; i++) p[i] -= lr * decay * p[i];
        for (int i = 0; i < p.Length; i++)
        {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            double mHat = m[i] / (1 - Math.Pow(beta1, t));
            double vHat = v[i] / (1 - Math.Pow(beta2, t));
            p[i] -= lr * mHat / (Math.Sqrt(vHat) + epsilon);
        }
    }

    /// <summary>Fails unless every parameter is within a relative 1e-6 (absolute floor 1e-9) of the reference.</summary>
    public static void AssertClose(double[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.AreEqual(expected.Length, actual.Length, $"{what}: length");
        for (int i = 0; i < expected.Length; i++)
            Assert.AreEqual(expected[i], actual[i], 1e-6 * Math.Abs(expected[i]) + 1e-9, $"{what}: parameter {i}");
    }
}
