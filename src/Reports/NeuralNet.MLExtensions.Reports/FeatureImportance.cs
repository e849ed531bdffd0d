namespace NeuralNet.MLExtensions.Reports;

/// <summary>Permutation feature importance of one feature slot.</summary>
/// <param name="Feature">The slot's name (e.g. the CSV column, or "color.red" after one-hot encoding).</param>
/// <param name="Metric">What <paramref name="Importance"/> measures: "fall in micro accuracy" (multiclass), "fall in AUC"
/// (binary) or "rise in RMSE" (regression).</param>
/// <param name="Importance">Mean worsening of the task's metric (<paramref name="Metric"/>) when the feature's values are
/// shuffled; larger matters more, near 0 or below does not matter.</param>
/// <param name="StandardDeviation">Standard deviation of that worsening over the permutations.</param>
public sealed record FeatureImportance(string Feature, string Metric, double Importance, double StandardDeviation);
