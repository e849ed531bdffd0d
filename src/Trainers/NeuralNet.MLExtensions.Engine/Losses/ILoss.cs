namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>
/// A training loss on the network's outputs: forward gives the batch's summed loss and keeps what backward needs;
/// backward gives the error signal the last module's backward starts from. One instance per training run (it owns
/// buffers for the largest mini-batch); not thread-safe.
/// </summary>
internal interface ILoss
{
    /// <summary>
    /// outputs: [batch×width] the last module's outputs, labels: [batch] class indices (classification),
    /// targets: [batch] standardised values (regression; empty otherwise), weights: [batch] or empty (all 1) →
    /// Σ_rows w·loss in double precision (a sum: the caller divides).
    /// </summary>
    double Forward(ReadOnlySpan<float> outputs, int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights);

    /// <summary>
    /// After <see cref="Forward"/> on the same rows: dOutputs: [batch×width] = scale·∂(Σ_rows w·loss)/∂outputs (overwritten).
    /// </summary>
    void Backward(int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, float scale, Span<float> dOutputs);
}
