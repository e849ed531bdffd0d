namespace NeuralNet.MLExtensions.Reports;

/// <summary>One point of a ROC curve (X false-positive rate, Y true-positive rate) or a precision-recall curve (X recall, Y precision).</summary>
/// <param name="X">The horizontal coordinate.</param>
/// <param name="Y">The vertical coordinate.</param>
/// <param name="Threshold">The Probability above which rows count as positive at this point (+∞ for the curve's start).</param>
public sealed record CurvePoint(double X, double Y, double Threshold);
