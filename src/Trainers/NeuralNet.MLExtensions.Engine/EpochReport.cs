namespace NeuralNet.MLExtensions.Engine;

/// <summary>What happened in one epoch of training.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainingLoss">Weighted mean cross-entropy over the epoch's mini-batches (summed weighted loss over the sum of the weights, as for <see cref="ValidationLoss"/>), plus the L2 and L1 penalties.</param>
/// <param name="LearningRate">Learning rate used in the epoch.</param>
/// <param name="GradientNorm">Mean over the epoch's mini-batches of the global gradient norm ‖∇‖₂.</param>
/// <param name="LayerGradientNorms">Mean over the mini-batches of each dense layer's weight-gradient norm, first layer first.</param>
/// <param name="Elapsed">Wall time since training started.</param>
public sealed record EpochReport(
    int Epoch,
    double TrainingLoss,
    float LearningRate,
    double GradientNorm,
    IReadOnlyList<double> LayerGradientNorms,
    TimeSpan Elapsed)
{
    /// <summary>Mean (example-weighted) loss of the task on the validation data after the epoch (cross-entropy, logistic loss, or the regression loss on the standardised target), or null without validation data.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Fraction of validation rows classified correctly after the epoch, or null without validation data or for regression.</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>Regression: root of the (example-weighted) mean squared error on the validation data, in the target's units; otherwise null.</summary>
    public double? ValidationRmse { get; init; }
}
