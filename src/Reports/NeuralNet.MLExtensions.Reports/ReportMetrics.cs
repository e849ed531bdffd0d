namespace NeuralNet.MLExtensions.Reports;

/// <summary>ML.NET's multiclass metrics for one model on the test data, as <c>MulticlassClassification.Evaluate</c> gave them.</summary>
/// <param name="MicroAccuracy">Fraction of rows predicted correctly.</param>
/// <param name="MacroAccuracy">Mean over classes of each class's accuracy (recall).</param>
/// <param name="LogLoss">Mean negative log-probability of the true class.</param>
/// <param name="LogLossReduction">1 − LogLoss / (log-loss of predicting the class priors); 1 is perfect, 0 no better than priors.</param>
/// <param name="TopKPredictionCount">The k of <paramref name="TopKAccuracy"/>.</param>
/// <param name="TopKAccuracy">Fraction of rows whose true class is among the k most probable.</param>
/// <param name="TopKAccuracyForAllK">Top-k accuracy for k = 1 … <paramref name="TopKPredictionCount"/>.</param>
/// <param name="Rows">Test rows counted (the confusion matrix's total).</param>
public sealed record ReportMetrics(
    double MicroAccuracy,
    double MacroAccuracy,
    double LogLoss,
    double LogLossReduction,
    int TopKPredictionCount,
    double TopKAccuracy,
    IReadOnlyList<double> TopKAccuracyForAllK,
    long Rows);
