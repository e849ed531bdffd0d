namespace NeuralNet.MLExtensions.Reports;

/// <summary>One class's precision, recall, F1 and support, from ML.NET's confusion matrix.</summary>
/// <param name="Name">The class name (the label's original value).</param>
/// <param name="Precision">Of the rows predicted as this class, the fraction that are; 0 when none were predicted.</param>
/// <param name="Recall">Of the rows of this class, the fraction predicted as it.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">Test rows of this class.</param>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, long Support);
