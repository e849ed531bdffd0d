namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>
/// Softmax over K classes fused with cross-entropy against integer class labels (one-hot targets). Stable for any
/// finite logits: each row's maximum is subtracted before exponentiating, and the loss uses log-sum-exp.
/// </summary>
internal static class SoftmaxCrossEntropy
{
    /// <summary>
    /// logits: [batch×K], labels: [batch] in 0..K−1, weights: [batch] or empty (all 1) → probabilities: [batch×K].
    /// Returns Σ_rows w·(−log p[label]) in double precision (a sum: the caller divides).
    /// </summary>
    public static double Forward(ReadOnlySpan<float> logits, int batch, int classes, ReadOnlySpan<int> labels,
        ReadOnlySpan<float> weights, Span<float> probabilities)
    {
        Check(logits.Length, batch, classes, labels.Length, weights.Length, probabilities.Length);
        double loss = 0;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> z = logits.Slice(r * classes, classes);
            Span<float> p = probabilities.Slice(r * classes, classes);
            float max = Softmax(z, p, out float sum);
            int y = labels[r];
            if ((uint)y >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), y, $"Label of row {r} must be in 0..{classes - 1}.");
            double rowLoss = Math.Log(sum) - (z[y] - max);
            loss += (weights.IsEmpty ? 1f : weights[r]) * rowLoss;
        }
        return loss;
    }

    /// <summary>
    /// probabilities: [batch×K], labels: [batch], weights: [batch] or empty → dLogits: [batch×K] = w·(p − onehot)·scale.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> probabilities, int batch, int classes, ReadOnlySpan<int> labels,
        ReadOnlySpan<float> weights, float scale, Span<float> dLogits)
    {
        Check(probabilities.Length, batch, classes, labels.Length, weights.Length, dLogits.Length);
        for (int r = 0; r < batch; r++)
        {
            float w = (weights.IsEmpty ? 1f : weights[r]) * scale;
            ReadOnlySpan<float> p = probabilities.Slice(r * classes, classes);
            Span<float> d = dLogits.Slice(r * classes, classes);
            for (int c = 0; c < classes; c++) d[c] = w * p[c];
            d[labels[r]] -= w;
        }
    }

    /// <summary>p = softmax(z) for one row; returns max(z) and the sum Σ exp(z − max).</summary>
    public static float Softmax(ReadOnlySpan<float> z, Span<float> p, out float sum)
    {
        float max = float.NegativeInfinity;
        for (int c = 0; c < z.Length; c++) if (z[c] > max) max = z[c];
        sum = 0f;
        for (int c = 0; c < z.Length; c++)
        {
            float e = MathF.Exp(z[c] - max);
            p[c] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int c = 0; c < z.Length; c++) p[c] *= inv;
        return max;
    }

    private static void Check(int logits, int batch, int classes, int labels, int weights, int output)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Softmax needs at least 2 classes.");
        long size = (long)batch * classes;
        if (logits < size || output < size)
            throw new ArgumentException($"Softmax cross-entropy: expected [{batch}×{classes}] buffers; got {logits} and {output} values.");
        if (labels < batch) throw new ArgumentException($"Softmax cross-entropy: expected {batch} labels; got {labels}.");
        if (weights != 0 && weights < batch) throw new ArgumentException($"Softmax cross-entropy: expected {batch} weights; got {weights}.");
    }
}
