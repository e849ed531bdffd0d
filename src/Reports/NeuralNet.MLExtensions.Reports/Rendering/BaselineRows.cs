using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The side-by-side rows of the MLP and the baseline for the report's task, shared by the HTML and Markdown tables.</summary>
internal static class BaselineRows
{
    /// <summary>Metric name, the MLP's value, the baseline's value and what the metric means; empty without a baseline.</summary>
    public static IReadOnlyList<(string Name, string Mlp, string Baseline, string Meaning)> Of(EvaluationReport report)
    {
        if (report.Baseline is not { } baseline) return [];
        return report.Task switch
        {
            MlpTask.Binary => Binary.Select(r => (r.Name, r.Value(report.Binary!), r.Value(baseline.Binary!), r.Meaning)).ToArray(),
            MlpTask.Regression => Regression.Select(r => (r.Name, r.Value(report.Regression!), r.Value(baseline.Regression!), r.Meaning)).ToArray(),
            _ => Numbers.MetricRows.Select(r => (r.Name, r.Value(report.Metrics), r.Value(baseline.Metrics!), r.Meaning)).ToArray(),
        };
    }

    private static readonly (string Name, Func<BinarySummary, string> Value, string Meaning)[] Binary =
    [
        ("AUC", b => Numbers.Fixed(b.AreaUnderRocCurve), "area under the ROC curve"),
        ("AUPRC", b => Numbers.Fixed(b.AreaUnderPrecisionRecallCurve), "area under the precision-recall curve"),
        ("F1", b => Numbers.Fixed(b.F1Score), "F1 of the true class at PredictedLabel"),
        ("Accuracy", b => Numbers.Fixed(b.Accuracy), "share of rows right at PredictedLabel"),
        ("Log-loss", b => Numbers.Fixed(b.LogLoss), "mean −log p(true label); lower is better"),
    ];

    private static readonly (string Name, Func<RegressionSummary, string> Value, string Meaning)[] Regression =
    [
        ("RMSE", r => Numbers.Fixed(r.RootMeanSquaredError), "root mean squared error; lower is better"),
        ("MAE", r => Numbers.Fixed(r.MeanAbsoluteError), "mean absolute error; lower is better"),
        ("R²", r => Numbers.Fixed(r.RSquared), "share of the label's variance explained; 1 is perfect"),
    ];
}
