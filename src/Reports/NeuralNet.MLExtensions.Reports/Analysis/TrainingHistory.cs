using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>
/// The per-epoch series the training curves plot, read from the model's <see cref="EpochReport"/>s: training loss,
/// learning rate, per-layer gradient norms, and validation loss and accuracy (classification) or RMSE (regression) when
/// training had validation data.
/// </summary>
internal sealed class TrainingHistory
{
    public TrainingHistory(IReadOnlyList<EpochReport> epochs)
    {
        Epochs = epochs.Select(e => (double)e.Epoch).ToArray();
        TrainingLoss = epochs.Select(e => e.TrainingLoss).ToArray();
        LearningRate = epochs.Select(e => (double)e.LearningRate).ToArray();
        int layers = epochs.Count == 0 ? 0 : epochs.Min(e => e.LayerGradientNorms.Count);
        LayerGradientNorms = Enumerable.Range(0, layers).Select(l => epochs.Select(e => e.LayerGradientNorms[l]).ToArray()).ToArray();
        ValidationLoss = Read(epochs, e => e.ValidationLoss);
        ValidationAccuracy = Read(epochs, e => e.ValidationAccuracy);
        ValidationRmse = Read(epochs, e => e.ValidationRmse);
    }

    public double[] Epochs { get; }
    public double[] TrainingLoss { get; }
    public double[] LearningRate { get; }
    /// <summary>One series per dense layer, first hidden layer first.</summary>
    public double[][] LayerGradientNorms { get; }
    /// <summary>Null unless every epoch has one (NaN where an epoch lacks it).</summary>
    public double[]? ValidationLoss { get; }
    public double[]? ValidationAccuracy { get; }
    /// <summary>Regression: RMSE on the validation data in the label's units, or null.</summary>
    public double[]? ValidationRmse { get; }

    public bool IsEmpty => Epochs.Length == 0;

    private static double[]? Read(IReadOnlyList<EpochReport> epochs, Func<EpochReport, double?> value)
    {
        var values = epochs.Select(e => value(e) ?? double.NaN).ToArray();
        return values.Any(double.IsFinite) ? values : null;
    }
}
