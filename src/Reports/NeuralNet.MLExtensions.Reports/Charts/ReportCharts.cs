using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports.Analysis;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>Every chart of a report, in the order the report shows them: the task's own charts, then the training curves.</summary>
internal static class ReportCharts
{
    public static IReadOnlyList<ReportChart> Render(EvaluationReport report)
    {
        var charts = new List<ReportChart>();
        switch (report.Task)
        {
            case MlpTask.Regression:
                charts.AddRange(RegressionCharts.Render(report.RegressionRows.Actual, report.RegressionRows.Predicted));
                break;
            case MlpTask.Binary:
                charts.AddRange(BinaryCurveCharts.Render(report.Binary!));
                charts.Add(ConfusionChart.Render(report.Counts(), report.Classes.Select(c => c.Name).ToArray(),
                    string.Create(System.Globalization.CultureInfo.InvariantCulture, $" at threshold {report.Binary!.Threshold:0.###}")));
                break;
            default:
                charts.Add(ConfusionChart.Render(report.Counts(), report.Classes.Select(c => c.Name).ToArray()));
                break;
        }
        charts.AddRange(TrainingCurveCharts.Render(new TrainingHistory(report.History), DenseLayerNames(report.Model), report.Task));
        if (report.CalibrationOrNull is { } calibration) charts.Add(ReliabilityChart.Render(calibration, binary: report.Task == MlpTask.Binary));
        if (report.FeatureImportance is { Count: > 0 } importance)
            charts.Add(ImportanceChart.Render(importance.Take(report.TopFeatures).ToArray()));
        return charts;
    }

    /// <summary>
    /// The names of the dense layers, whose weight-gradient norms the history holds (one per dense layer), without the
    /// input stage and the ensemble's member scales that <see cref="ModelDescription.Layers"/> lists before them.
    /// </summary>
    internal static string[] DenseLayerNames(ModelDescription? model) =>
        model is null ? [] : [.. model.Layers.Skip(model.Layers.Count - model.DenseLayerCount).Select(l => l.Name)];

    private static long[][] Counts(this EvaluationReport report) => report.ConfusionCounts.Select(r => r.ToArray()).ToArray();
}
