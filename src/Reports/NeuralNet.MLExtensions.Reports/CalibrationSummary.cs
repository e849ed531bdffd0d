namespace NeuralNet.MLExtensions.Reports;

/// <summary>
/// How well the model's confidence (its top probability) matches how often it is right: equal-width confidence bins
/// and the expected calibration error ECE = Σ_b (n_b / N)·|accuracy_b − confidence_b|.
/// </summary>
/// <param name="Bins">The bins, lowest confidence first.</param>
/// <param name="ExpectedCalibrationError">ECE in [0, 1]; 0 is perfectly calibrated.</param>
/// <param name="Rows">Rows with a known label that were counted.</param>
public sealed record CalibrationSummary(IReadOnlyList<CalibrationBin> Bins, double ExpectedCalibrationError, long Rows);
