namespace NeuralNet.MLExtensions.Reports;

/// <summary>
/// A binary classifier on the test data: ML.NET's metrics from <c>BinaryClassification.Evaluate</c> (at its
/// PredictedLabel, Score &gt; 0), the ROC and precision-recall curves computed from the scored rows' Probability, and
/// the counts at a table of thresholds.
/// </summary>
/// <param name="AreaUnderRocCurve">ML.NET's AUC: the chance a random positive row scores above a random negative one.</param>
/// <param name="AreaUnderPrecisionRecallCurve">ML.NET's AUPRC.</param>
/// <param name="Accuracy">ML.NET's accuracy at PredictedLabel.</param>
/// <param name="F1Score">ML.NET's F1 of the positive class at PredictedLabel.</param>
/// <param name="PositivePrecision">ML.NET's precision of the positive class.</param>
/// <param name="PositiveRecall">ML.NET's recall of the positive class.</param>
/// <param name="LogLoss">ML.NET's log-loss of Probability.</param>
/// <param name="LogLossReduction">1 − log-loss / log-loss of the positive rate.</param>
/// <param name="Threshold">The threshold of the report's confusion matrix (<see cref="EvaluationReportOptions.BinaryThreshold"/>).</param>
/// <param name="Rows">Test rows with a known label and a finite Probability.</param>
/// <param name="Positives">Rows whose label is true.</param>
/// <param name="Thresholds">Counts and metrics at 0.1, 0.2 … 0.9 and at <paramref name="Threshold"/>, ascending.</param>
/// <param name="RocCurve">False-positive rate against true-positive rate, from (0, 0) to (1, 1).</param>
/// <param name="PrecisionRecallCurve">Recall against precision, from recall 0 (precision 1) to recall 1.</param>
public sealed record BinarySummary(double AreaUnderRocCurve, double AreaUnderPrecisionRecallCurve, double Accuracy, double F1Score,
    double PositivePrecision, double PositiveRecall, double LogLoss, double LogLossReduction, double Threshold, long Rows, long Positives,
    IReadOnlyList<ThresholdMetrics> Thresholds, IReadOnlyList<CurvePoint> RocCurve, IReadOnlyList<CurvePoint> PrecisionRecallCurve);
