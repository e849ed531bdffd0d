using System.Net;
using System.Text;
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
        html.Append($"<h1>{E(report.Title)}</h1>\n<p class=\"lead\">{Numbers.Count(report.Metrics.Rows)} test rows, {report.Classes.Count} classes");
        if (report.Model is { } m) html.Append($", MLP {m.Features}→{string.Join("→", m.Layers.Select(l => l.Outputs))}");
        html.Append(". Metrics from ML.NET's <code>MulticlassClassification.Evaluate</code>.</p>\n");

        Headline(html, report);
        HtmlSections.Baseline(html, report);
        HtmlSections.Model(html, report);
        HtmlSections.PerClass(html, report);
        Section(html, "Confusion matrix", charts, "confusion-matrix");
        if (report.History.Count > 0)
        {
            html.Append("<section><h2>Training curves</h2><div class=\"grid\">\n");
            foreach (var id in new[] { "loss", "accuracy", "learning-rate", "gradient-norms" })
                if (charts.TryGetValue(id, out var chart)) Figure(html, chart);
            html.Append("</div></section>\n");
        }
        html.Append("<section><h2>Calibration</h2>\n");
        html.Append($"<p>Expected calibration error: <b>{Numbers.Fixed(report.Calibration.ExpectedCalibrationError)}</b> over {Numbers.Count(report.Calibration.Rows)} rows.</p>\n");
        Figure(html, charts["reliability"]);
        HtmlSections.CalibrationTable(html, report);
        html.Append("</section>\n");
        HtmlSections.Importance(html, report, charts.GetValueOrDefault("feature-importance"));
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static void Headline(StringBuilder html, EvaluationReport report)
    {
        var m = report.Metrics;
        html.Append("<div class=\"cards\">");
        Card(html, "Micro accuracy", Numbers.Fixed(m.MicroAccuracy));
        Card(html, "Macro accuracy", Numbers.Fixed(m.MacroAccuracy));
        Card(html, "Log-loss", Numbers.Fixed(m.LogLoss));
        Card(html, "Log-loss reduction", Numbers.Fixed(m.LogLossReduction));
        Card(html, $"Top-{m.TopKPredictionCount} accuracy", Numbers.Fixed(m.TopKAccuracy));
        Card(html, "Calibration error (ECE)", Numbers.Fixed(report.Calibration.ExpectedCalibrationError));
        html.Append("</div>\n");
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
