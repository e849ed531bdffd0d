using NeuralNet.MLExtensions.Reports.Analysis;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>Every chart of a report, in the order the report shows them.</summary>
internal static class ReportCharts
{
    public static IReadOnlyList<ReportChart> Render(EvaluationReport report)
    {
        var charts = new List<ReportChart> { ConfusionChart.Render(report.MlNetMetricsCounts(), report.Classes.Select(c => c.Name).ToArray()) };
        var layerNames = report.Model?.Layers.Select(l => l.Name).ToArray() ?? [];
        charts.AddRange(TrainingCurveCharts.Render(new TrainingHistory(report.History), layerNames));
        charts.Add(ReliabilityChart.Render(report.Calibration));
        if (report.FeatureImportance is { Count: > 0 } importance)
            charts.Add(ImportanceChart.Render(importance.Take(report.TopFeatures).ToArray()));
        return charts;
    }

    private static long[][] MlNetMetricsCounts(this EvaluationReport report) => report.ConfusionCounts.Select(r => r.ToArray()).ToArray();
}
