namespace NeuralNet.MLExtensions.Reports;

/// <summary>A binary classifier's counts and metrics when rows with Probability &gt; <paramref name="Threshold"/> are predicted positive.</summary>
/// <param name="Threshold">The probability threshold (0.5 is ML.NET's PredictedLabel, Score &gt; 0).</param>
/// <param name="TruePositives">Positive rows predicted positive.</param>
/// <param name="FalsePositives">Negative rows predicted positive.</param>
/// <param name="TrueNegatives">Negative rows predicted negative.</param>
/// <param name="FalseNegatives">Positive rows predicted negative.</param>
/// <param name="Precision">TP / (TP + FP); 0 when nothing is predicted positive.</param>
/// <param name="Recall">TP / (TP + FN); 0 without positive rows.</param>
/// <param name="F1">2·precision·recall / (precision + recall); 0 when both are 0.</param>
/// <param name="Accuracy">(TP + TN) / rows.</param>
public sealed record ThresholdMetrics(double Threshold, long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives,
    double Precision, double Recall, double F1, double Accuracy);
