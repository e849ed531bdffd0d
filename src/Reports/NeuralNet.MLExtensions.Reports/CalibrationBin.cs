namespace NeuralNet.MLExtensions.Reports;

/// <summary>One confidence bin of the reliability diagram.</summary>
/// <param name="Lower">Lower edge of the bin (exclusive, except for the first bin).</param>
/// <param name="Upper">Upper edge of the bin (inclusive).</param>
/// <param name="Count">Rows whose confidence (multiclass: top probability; binary: Probability) fell in the bin.</param>
/// <param name="MeanConfidence">Mean confidence of those rows; NaN when the bin is empty.</param>
/// <param name="Accuracy">Fraction of those rows predicted correctly (binary: fraction with a true label); NaN when the bin is empty.</param>
public sealed record CalibrationBin(double Lower, double Upper, long Count, double MeanConfidence, double Accuracy);
