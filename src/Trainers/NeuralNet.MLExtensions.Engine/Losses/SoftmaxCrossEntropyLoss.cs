using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>
/// The classifier's loss: softmax over the K logits fused with cross-entropy (<see cref="SoftmaxCrossEntropy"/>), plus
/// label smoothing ε as a correction on the logits (<see cref="LabelSmoothing"/>). Forward keeps the probabilities
/// for backward in a buffer allocated once for the largest mini-batch.
/// </summary>
internal sealed class SoftmaxCrossEntropyLoss : ILoss
{
    private readonly int _classes;
    private readonly float _labelSmoothing;
    private readonly float[] _probabilities;

    public SoftmaxCrossEntropyLoss(int classes, int batchCapacity, float labelSmoothing)
    {
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"Softmax needs at least 2 classes; got {classes}.");
        _classes = classes;
        _labelSmoothing = labelSmoothing;
        _probabilities = new float[BufferSize.Of(batchCapacity, classes, "Class probabilities of a mini-batch")];
    }

    /// <summary>logits: [batch×K] → Σ_rows w·(−Σ_c t_c·log p_c), t the smoothed one-hot targets.</summary>
    public double Forward(ReadOnlySpan<float> logits, int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights)
    {
        double loss = LabelSmoothing.Loss(logits, batch, _classes, labels, weights, _labelSmoothing);
        return loss + SoftmaxCrossEntropy.Forward(logits, batch, _classes, labels, weights, _probabilities);
    }

    /// <summary>dLogits: [batch×K] = w·scale·(p − t).</summary>
    public void Backward(int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, float scale, Span<float> dLogits)
    {
        SoftmaxCrossEntropy.Backward(_probabilities, batch, _classes, labels, weights, scale, dLogits);
        LabelSmoothing.Backward(batch, _classes, labels, weights, scale, _labelSmoothing, dLogits);
    }
}
