namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>
/// Label smoothing as a correction to the one-hot softmax cross-entropy. With targets t = (1−ε)·onehot + ε/K,
/// −Σ t_c·log p_c = CE + ε·(z_y − mean_c z_c) (the log-sum-exp cancels), and the gradient (p − t) is
/// (p − onehot) + ε·(onehot − 1/K). Only the logits are needed, so the fused softmax kernel stays as it is.
/// </summary>
internal static class LabelSmoothing
{
    /// <summary>logits: [batch×K], labels: [batch], weights: [batch] or empty → Σ_rows w·ε·(z_y − mean z).</summary>
    public static double Loss(ReadOnlySpan<float> logits, int batch, int classes, ReadOnlySpan<int> labels, ReadOnlySpan<float> weights, float epsilon)
    {
        if (epsilon == 0f) return 0;
        double sum = 0;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> z = logits.Slice(r * classes, classes);
            double mean = 0;
            for (int c = 0; c < classes; c++) mean += z[c];
            mean /= classes;
            sum += (weights.IsEmpty ? 1f : weights[r]) * epsilon * (z[labels[r]] - mean);
        }
        return sum;
    }

    /// <summary>dLogits: [batch×K] += w·scale·ε·(onehot − 1/K).</summary>
    public static void Backward(int batch, int classes, ReadOnlySpan<int> labels, ReadOnlySpan<float> weights, float scale, float epsilon, Span<float> dLogits)
    {
        if (epsilon == 0f) return;
        for (int r = 0; r < batch; r++)
        {
            float s = (weights.IsEmpty ? 1f : weights[r]) * scale * epsilon;
            Span<float> d = dLogits.Slice(r * classes, classes);
            float spread = s / classes;
            for (int c = 0; c < classes; c++) d[c] -= spread;
            d[labels[r]] += s;
        }
    }
}
