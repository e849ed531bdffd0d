namespace NeuralNet.MLExtensions.Reports;

/// <summary>A baseline model's metrics on the same test data, shown beside the MLP's.</summary>
/// <param name="Name">What the baseline is (e.g. "LbfgsMaximumEntropy").</param>
/// <param name="Metrics">Its metrics from ML.NET's evaluator.</param>
public sealed record BaselineResult(string Name, ReportMetrics Metrics);
