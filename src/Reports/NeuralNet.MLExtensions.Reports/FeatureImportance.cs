namespace NeuralNet.MLExtensions.Reports;

/// <summary>Permutation feature importance of one feature slot.</summary>
/// <param name="Feature">The slot's name (e.g. the CSV column, or "color.red" after one-hot encoding).</param>
/// <param name="MicroAccuracyDrop">Mean fall in micro accuracy when the feature's values are shuffled; larger matters more.</param>
/// <param name="StandardDeviation">Standard deviation of that fall over the permutations.</param>
public sealed record FeatureImportance(string Feature, double MicroAccuracyDrop, double StandardDeviation);
