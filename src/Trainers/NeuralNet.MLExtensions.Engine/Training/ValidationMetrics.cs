namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>One epoch's measurement on the validation rows: the task's mean loss, and accuracy (classification) or RMSE in the target's units (regression).</summary>
internal sealed record ValidationMetrics(double Loss, double? Accuracy, double? Rmse);
