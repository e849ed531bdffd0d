namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>The L1 penalty λ·Σ|w| on the weights (not the biases) and its (sub)gradient λ·sign(w).</summary>
internal static class L1Penalty
{
    /// <summary>weights: [W] → gradients: [W] += λ·sign(w) (0 at w = 0).</summary>
    public static void AddGradient(ReadOnlySpan<float> weights, float lambda, Span<float> gradients)
    {
        if (lambda == 0f) return;
        for (int i = 0; i < weights.Length; i++) gradients[i] += lambda * MathF.Sign(weights[i]);
    }

    /// <summary>λ·Σ|w| in double precision.</summary>
    public static double Value(ReadOnlySpan<float> weights, float lambda)
    {
        if (lambda == 0f) return 0;
        double sum = 0;
        for (int i = 0; i < weights.Length; i++) sum += Math.Abs(weights[i]);
        return lambda * sum;
    }
}
