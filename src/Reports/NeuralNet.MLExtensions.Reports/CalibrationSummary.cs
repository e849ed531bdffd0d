namespace NeuralNet.MLExtensions.Reports;

/// <summary>
/// How well the model's confidence matches how often it is right: equal-width confidence bins and the expected
/// calibration error ECE = Σ_b (n_b / N)·|accuracy_b − confidence_b|. Multiclass: the confidence is the top probability
/// and accuracy the share predicted correctly; binary: the confidence is Probability (of the positive class) and
/// "accuracy" the share of positive labels, the reliability diagram of a probability forecast.
/// </summary>
/// <param name="Bins">The bins, lowest confidence first.</param>
/// <param name="ExpectedCalibrationError">ECE in [0, 1]; 0 is perfectly calibrated.</param>
/// <param name="Rows">Rows with a known label that were counted.</param>
public sealed record CalibrationSummary(IReadOnlyList<CalibrationBin> Bins, double ExpectedCalibrationError, long Rows);
