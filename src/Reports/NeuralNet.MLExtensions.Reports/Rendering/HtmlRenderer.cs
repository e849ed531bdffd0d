using System.Net;
using System.Text;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports.Charts;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The report as one HTML page with inline CSS and base64 PNGs: it opens offline in any browser.</summary>
internal static class HtmlRenderer
{
    public static string Render(EvaluationReport report)
    {
        var html = new StringBuilder();
        var charts = report.Charts.ToDictionary(c => c.Id);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append($"<title>{E(report.Title)}</title><style>{HtmlStyle.Css}</style></head><body><main>\n");
        html.Append($"<h1>{E(report.Title)}</h1>\n<p class=\"lead\">{E(TaskText.Lead(report))}");
        if (report.Model is { } m) html.Append($", MLP {m.Features}→{string.Join("→", m.Layers.Select(l => l.Outputs))}");
        html.Append($". Metrics from ML.NET's <code>{TaskText.Evaluator(report.Task)}</code>.</p>\n");

        html.Append("<div class=\"cards\">");
        foreach (var (name, value, _) in TaskText.Headline(report)) Card(html, name, value);
        html.Append("</div>\n");
        switch (report.Task)
        {
            case MlpTask.Regression:
                HtmlSections.Baseline(html, report);
                HtmlSections.Model(html, report);
                Grid(html, "Predictions", charts, ["predicted-actual", "residual-histogram", "residuals-predicted"]);
                break;
            case MlpTask.Binary:
                HtmlSections.Baseline(html, report);
                HtmlSections.Model(html, report);
                Grid(html, "ROC and precision-recall", charts, ["roc", "precision-recall"]);
                html.Append("<section><h2>Confusion matrix</h2>\n");
                Figure(html, charts["confusion-matrix"]);
                HtmlTaskSections.PerClassTable(html, report);
                html.Append("</section>\n");
                HtmlTaskSections.Thresholds(html, report.Binary!);
                break;
            default:
                HtmlSections.Baseline(html, report);
                HtmlSections.Model(html, report);
                HtmlSections.PerClass(html, report);
                Section(html, "Confusion matrix", charts, "confusion-matrix");
                break;
        }
        if (report.History.Count > 0) Grid(html, "Training curves", charts, TrainingCurveCharts.Ids);
        if (report.CalibrationOrNull is { } calibration)
        {
            html.Append("<section><h2>Calibration</h2>\n");
            html.Append($"<p>Expected calibration error: <b>{Numbers.Fixed(calibration.ExpectedCalibrationError)}</b> over {Numbers.Count(calibration.Rows)} rows.</p>\n");
            Figure(html, charts["reliability"]);
            HtmlSections.CalibrationTable(html, report);
            html.Append("</section>\n");
        }
        HtmlSections.Importance(html, report, charts.GetValueOrDefault("feature-importance"));
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void Grid(StringBuilder html, string title, IReadOnlyDictionary<string, ReportChart> charts, IEnumerable<string> ids)
    {
        html.Append($"<section><h2>{E(title)}</h2><div class=\"grid\">\n");
        foreach (var id in ids)
            if (charts.TryGetValue(id, out var chart)) Figure(html, chart);
        html.Append("</div></section>\n");
    }

    private static void Card(StringBuilder html, string name, string value) =>
        html.Append($"<div class=\"card\"><div class=\"value\">{E(value)}</div><div class=\"name\">{E(name)}</div></div>");

    private static void Section(StringBuilder html, string title, IReadOnlyDictionary<string, ReportChart> charts, string id)
    {
        html.Append($"<section><h2>{E(title)}</h2>\n");
        Figure(html, charts[id]);
        html.Append("</section>\n");
    }

    internal static void Figure(StringBuilder html, ReportChart chart) =>
        html.Append($"<figure><img alt=\"{E(chart.Title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(chart.Png)}\">")
            .Append($"<figcaption>{E(chart.Caption)}</figcaption></figure>\n");

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
