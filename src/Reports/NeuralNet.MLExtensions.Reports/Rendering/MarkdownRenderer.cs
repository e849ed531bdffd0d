using System.Text;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The report as Markdown: the same sections as the HTML, images linked from a folder beside the file.</summary>
internal static class MarkdownRenderer
{
    public static string Render(EvaluationReport report, string imageFolder)
    {
        var md = new StringBuilder();
        var m = report.Metrics;
        md.AppendLine($"# {report.Title}").AppendLine()
          .AppendLine($"{Numbers.Count(m.Rows)} test rows, {report.Classes.Count} classes. Metrics from ML.NET's `MulticlassClassification.Evaluate`.").AppendLine();

        md.AppendLine("## Metrics").AppendLine();
        bool baseline = report.Baseline is not null;
        md.AppendLine(baseline ? $"| Metric | MLP | {Cell(report.Baseline!.Name)} |" : "| Metric | Value |")
          .AppendLine(baseline ? "|---|---:|---:|" : "|---|---:|");
        foreach (var (name, value, _) in Numbers.MetricRows)
            md.AppendLine(baseline ? $"| {name} | {value(m)} | {value(report.Baseline!.Metrics)} |" : $"| {name} | {value(m)} |");
        md.AppendLine($"| Expected calibration error | {Numbers.Fixed(report.Calibration.ExpectedCalibrationError)} |{(baseline ? " |" : "")}").AppendLine();

        if (report.Model is { } model)
        {
            md.AppendLine("## Model").AppendLine().AppendLine("```").Append(model.Summary).AppendLine("```").AppendLine();
            if (model.TrainingOptions.Count > 0)
            {
                md.AppendLine("| Option | Value |").AppendLine("|---|---|");
                foreach (var (name, value) in model.TrainingOptions) md.AppendLine($"| {name} | {Cell(value)} |");
                md.AppendLine();
            }
        }

        md.AppendLine("## Per class").AppendLine().AppendLine("| Class | Precision | Recall | F1 | Support |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var c in report.Classes)
            md.AppendLine($"| {Cell(c.Name)} | {Numbers.Fixed(c.Precision)} | {Numbers.Fixed(c.Recall)} | {Numbers.Fixed(c.F1)} | {Numbers.Count(c.Support)} |");
        md.AppendLine();

        foreach (var chart in report.Charts)
            md.AppendLine($"## {chart.Title}").AppendLine().AppendLine($"![{chart.Title}]({imageFolder}/{chart.Id}.png)").AppendLine()
              .AppendLine(chart.Caption).AppendLine();
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
