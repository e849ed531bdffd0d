namespace NeuralNet.MLExtensions.Reports;

/// <summary>
/// A baseline model's metrics on the same test data, shown beside the MLP's; exactly one of <paramref name="Metrics"/>,
/// <paramref name="Binary"/> and <paramref name="Regression"/> is set, the one of the report's task.
/// </summary>
/// <param name="Name">What the baseline is (e.g. "LbfgsMaximumEntropy").</param>
/// <param name="Metrics">Multiclass: its metrics from <c>MulticlassClassification.Evaluate</c>; otherwise null.</param>
/// <param name="Binary">Binary: its metrics from <c>BinaryClassification.Evaluate</c>, curves and thresholds as the MLP's; otherwise null.</param>
/// <param name="Regression">Regression: its metrics from <c>Regression.Evaluate</c>; otherwise null.</param>
public sealed record BaselineResult(string Name, ReportMetrics? Metrics, BinarySummary? Binary = null, RegressionSummary? Regression = null);
