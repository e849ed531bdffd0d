using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports;

/// <summary>What goes into an <see cref="EvaluationReport"/> beyond the metrics and the charts of the model's task.</summary>
public sealed class EvaluationReportOptions
{
    /// <summary>The report's heading. Default "MLP evaluation report".</summary>
    public string Title { get; set; } = "MLP evaluation report";

    /// <summary>
    /// The trainer options the model was trained with (<see cref="MlpTrainer.Options"/>, <see cref="MlpBinaryTrainer.Options"/>
    /// or <see cref="MlpRegressionTrainer.Options"/>), listed in the model section; null leaves them out.
    /// </summary>
    public MlpOptionsBase? TrainingOptions { get; set; }

    /// <summary>
    /// Binary: the Probability above which a row is predicted positive in the report's confusion matrix and per-class
    /// table, in (0, 1). Default 0.5, ML.NET's PredictedLabel (Score &gt; 0). The threshold table always has 0.1 … 0.9 too.
    /// </summary>
    public double BinaryThreshold { get; set; } = 0.5;

    /// <summary>The k of top-k accuracy, ≥ 1; clamped to the number of classes. Default 3.</summary>
    public int TopKPredictionCount { get; set; } = 3;

    /// <summary>Equal-width confidence bins (multiclass: top probability; binary: Probability) of the reliability diagram, 2 to 100. Default 10.</summary>
    public int CalibrationBins { get; set; } = 10;

    /// <summary>
    /// Compute permutation feature importance: ML.NET's <c>PermutationFeatureImportance</c> of the model's task on the MLP, over
    /// the test data featurized by the pipeline's earlier steps; multiclass ranks by the fall in micro accuracy, binary by the
    /// fall in AUC, regression by the rise in RMSE. Ignored when the pipeline has no MLP. Default false: it scores the test
    /// data once per feature and permutation.
    /// </summary>
    public bool PermutationFeatureImportance { get; set; }

    /// <summary>Permutations per feature, ≥ 1. Default 1.</summary>
    public int PermutationCount { get; set; } = 1;

    /// <summary>Rows used for permutation feature importance; null uses every test row.</summary>
    public int? PermutationRows { get; set; }

    /// <summary>Features shown in the importance chart (the most important), ≥ 1. Default 20.</summary>
    public int TopFeatures { get; set; } = 20;

    /// <summary>
    /// A fitted baseline model of the same task, taking the same raw test data, to show side by side; null for none.
    /// Multiclass: e.g. <c>LbfgsMaximumEntropy</c> (Score vector, PredictedLabel). Binary: a calibrated classifier, e.g.
    /// <c>LbfgsLogisticRegression</c> or <c>LightGbm</c> (Score, Probability, PredictedLabel; a non-calibrated one is refused).
    /// Regression: e.g. <c>Sdca</c> or <c>LightGbm</c> (Score).
    /// </summary>
    public ITransformer? Baseline { get; set; }

    /// <summary>The baseline's name in the report. Default "Baseline".</summary>
    public string BaselineName { get; set; } = "Baseline";

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Title)) throw new ArgumentOutOfRangeException(nameof(Title), Title, "Title must not be empty.");
        if (TopKPredictionCount < 1) throw new ArgumentOutOfRangeException(nameof(TopKPredictionCount), TopKPredictionCount, $"TopKPredictionCount must be at least 1; got {TopKPredictionCount}.");
        if (CalibrationBins is < 2 or > 100) throw new ArgumentOutOfRangeException(nameof(CalibrationBins), CalibrationBins, $"CalibrationBins must be in [2, 100]; got {CalibrationBins}.");
        if (PermutationCount < 1) throw new ArgumentOutOfRangeException(nameof(PermutationCount), PermutationCount, $"PermutationCount must be at least 1; got {PermutationCount}.");
        if (PermutationRows is < 1) throw new ArgumentOutOfRangeException(nameof(PermutationRows), PermutationRows, $"PermutationRows must be null or at least 1; got {PermutationRows}.");
        if (!(BinaryThreshold is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(BinaryThreshold), BinaryThreshold, $"BinaryThreshold must be in (0, 1); got {BinaryThreshold}.");
        if (TopFeatures < 1) throw new ArgumentOutOfRangeException(nameof(TopFeatures), TopFeatures, $"TopFeatures must be at least 1; got {TopFeatures}.");
    }
}
