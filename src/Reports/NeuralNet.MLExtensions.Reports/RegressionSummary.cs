namespace NeuralNet.MLExtensions.Reports;

/// <summary>ML.NET's regression metrics for the model on the test data, as <c>Regression.Evaluate</c> gave them.</summary>
/// <param name="RootMeanSquaredError">√(mean of (prediction − label)²), in the label's units.</param>
/// <param name="MeanAbsoluteError">Mean of |prediction − label|, in the label's units.</param>
/// <param name="RSquared">1 − Σ(label − prediction)² / Σ(label − mean label)²; 1 is perfect, 0 no better than the mean.</param>
/// <param name="MeanSquaredError">Mean of (prediction − label)².</param>
/// <param name="Rows">Test rows with a finite label and Score (the rows the charts plot).</param>
public sealed record RegressionSummary(double RootMeanSquaredError, double MeanAbsoluteError, double RSquared, double MeanSquaredError, long Rows);
