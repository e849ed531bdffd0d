using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>
/// The binary classifier's loss: one logit z per row, p = σ(z), and the logistic loss −y·log p − (1−y)·log(1−p)
/// against labels y ∈ {0, 1}, written as softplus(z) − y·z = max(z, 0) − y·z + log(1 + e^−|z|): finite for any
/// finite z (no exp of a large positive number, no log of 0). Its gradient is σ(z) − y; forward keeps σ(z) for backward.
/// </summary>
internal sealed class LogisticLoss(int batchCapacity) : ILoss
{
    private readonly float[] _probabilities = new float[BufferSize.Of(batchCapacity, 1, "Probabilities of a mini-batch")];

    /// <summary>logits: [batch×1], labels: [batch] in {0, 1} → Σ_rows w·(softplus(z) − y·z).</summary>
    public double Forward(ReadOnlySpan<float> logits, int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights)
    {
        double loss = 0;
        for (int r = 0; r < batch; r++)
        {
            double z = logits[r];
            int y = labels[r];
            if ((uint)y > 1u) throw new ArgumentOutOfRangeException(nameof(labels), y, $"Label of row {r} must be 0 or 1.");
            _probabilities[r] = Sigmoid(logits[r]);
            double row = Math.Max(z, 0) - y * z + Math.Log(1 + Math.Exp(-Math.Abs(z)));
            loss += (weights.IsEmpty ? 1f : weights[r]) * row;
        }
        return loss;
    }

    /// <summary>dLogits: [batch×1] = w·scale·(σ(z) − y).</summary>
    public void Backward(int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, float scale, Span<float> dLogits)
    {
        for (int r = 0; r < batch; r++)
            dLogits[r] = (weights.IsEmpty ? 1f : weights[r]) * scale * (_probabilities[r] - labels[r]);
    }

    /// <summary>σ(z) = 1/(1 + e^−z), computed from e^−|z| so that it neither overflows nor loses the small side.</summary>
    public static float Sigmoid(float z)
    {
        float e = MathF.Exp(-MathF.Abs(z));
        return z >= 0 ? 1f / (1f + e) : e / (1f + e);
    }
}
