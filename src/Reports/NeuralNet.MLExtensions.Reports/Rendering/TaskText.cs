using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The words and headline numbers each task's report opens with, shared by the HTML and Markdown renderers.</summary>
internal static class TaskText
{
    public static string Evaluator(MlpTask task) => task switch
    {
        MlpTask.Regression => "Regression.Evaluate",
        MlpTask.Binary => "BinaryClassification.Evaluate",
        _ => "MulticlassClassification.Evaluate",
    };

    /// <summary>"38 test rows, 3 classes" and the like.</summary>
    public static string Lead(EvaluationReport report) => report.Task switch
    {
        MlpTask.Regression => $"{Numbers.Count(report.Regression!.Rows)} test rows, regression",
        MlpTask.Binary => $"{Numbers.Count(report.Binary!.Rows)} test rows ({Numbers.Count(report.Binary.Positives)} true), binary classification",
        _ => $"{Numbers.Count(report.Metrics.Rows)} test rows, {report.Classes.Count} classes",
    };

    /// <summary>The headline metrics: name, value, meaning.</summary>
    public static IReadOnlyList<(string Name, string Value, string Meaning)> Headline(EvaluationReport report)
    {
        switch (report.Task)
        {
            case MlpTask.Regression:
                var r = report.Regression!;
                return
                [
                    ("RMSE", Numbers.Fixed(r.RootMeanSquaredError), "root mean squared error, in the label's units"),
                    ("MAE", Numbers.Fixed(r.MeanAbsoluteError), "mean absolute error, in the label's units"),
                    ("R²", Numbers.Fixed(r.RSquared), "share of the label's variance explained; 1 is perfect, 0 the mean"),
                ];
            case MlpTask.Binary:
                var b = report.Binary!;
                return
                [
                    ("AUC", Numbers.Fixed(b.AreaUnderRocCurve), "area under the ROC curve"),
                    ("AUPRC", Numbers.Fixed(b.AreaUnderPrecisionRecallCurve), "area under the precision-recall curve"),
                    ("Accuracy", Numbers.Fixed(b.Accuracy), "share of rows right at PredictedLabel (Score > 0)"),
                    ("F1", Numbers.Fixed(b.F1Score), "F1 of the true class at PredictedLabel"),
                    ("Log-loss", Numbers.Fixed(b.LogLoss), "mean −log p(true label); lower is better"),
                    ("Calibration error (ECE)", Numbers.Fixed(report.Calibration.ExpectedCalibrationError), "row-weighted gap of the reliability diagram"),
                ];
            default:
                var rows = Numbers.MetricRows.Select(m => (m.Name, m.Value(report.Metrics), m.Meaning)).ToList();
                rows[^1] = ($"Top-{report.Metrics.TopKPredictionCount} accuracy", Numbers.Fixed(report.Metrics.TopKAccuracy), rows[^1].Meaning);
                rows.Add(("Calibration error (ECE)", Numbers.Fixed(report.Calibration.ExpectedCalibrationError), "row-weighted gap of the reliability diagram"));
                return rows;
        }
    }
}
