using System.Reflection;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>
/// The per-epoch series the training curves plot. This is the one place that knows what <see cref="EpochReport"/>
/// offers: training loss, learning rate and per-layer gradient norms today. Validation loss and accuracy (and
/// training accuracy) are read by name when the report type has them — nullable doubles named
/// <c>ValidationLoss</c>, <c>ValidationAccuracy</c>, <c>TrainingAccuracy</c> — so the curves show them as soon as the
/// trainer records them; replace the reflection with plain property reads once those properties exist.
/// </summary>
internal sealed class TrainingHistory
{
    private static readonly PropertyInfo? ValidationLossProperty = typeof(EpochReport).GetProperty("ValidationLoss");
    private static readonly PropertyInfo? ValidationAccuracyProperty = typeof(EpochReport).GetProperty("ValidationAccuracy");
    private static readonly PropertyInfo? TrainingAccuracyProperty = typeof(EpochReport).GetProperty("TrainingAccuracy");

    public TrainingHistory(IReadOnlyList<EpochReport> epochs)
    {
        Epochs = epochs.Select(e => (double)e.Epoch).ToArray();
        TrainingLoss = epochs.Select(e => e.TrainingLoss).ToArray();
        LearningRate = epochs.Select(e => (double)e.LearningRate).ToArray();
        int layers = epochs.Count == 0 ? 0 : epochs.Min(e => e.LayerGradientNorms.Count);
        LayerGradientNorms = Enumerable.Range(0, layers).Select(l => epochs.Select(e => e.LayerGradientNorms[l]).ToArray()).ToArray();
        ValidationLoss = Read(epochs, ValidationLossProperty);
        ValidationAccuracy = Read(epochs, ValidationAccuracyProperty);
        TrainingAccuracy = Read(epochs, TrainingAccuracyProperty);
    }

    public double[] Epochs { get; }
    public double[] TrainingLoss { get; }
    public double[] LearningRate { get; }
    /// <summary>One series per dense layer, first hidden layer first.</summary>
    public double[][] LayerGradientNorms { get; }
    /// <summary>Null unless every epoch has one (NaN where an epoch lacks it).</summary>
    public double[]? ValidationLoss { get; }
    public double[]? ValidationAccuracy { get; }
    public double[]? TrainingAccuracy { get; }

    public bool IsEmpty => Epochs.Length == 0;

    private static double[]? Read(IReadOnlyList<EpochReport> epochs, PropertyInfo? property)
    {
        if (property is null || epochs.Count == 0) return null;
        var values = epochs.Select(e => property.GetValue(e) is { } v ? Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) : double.NaN).ToArray();
        return values.Any(double.IsFinite) ? values : null;
    }
}
