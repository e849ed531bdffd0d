using System.Text;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The report as Markdown: the same sections as the HTML, images linked from a folder beside the file.</summary>
internal static class MarkdownRenderer
{
    public static string Render(EvaluationReport report, string imageFolder)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Title}").AppendLine()
          .AppendLine($"{TaskText.Lead(report)}. Metrics from ML.NET's `{TaskText.Evaluator(report.Task)}`.").AppendLine();

        md.AppendLine("## Metrics").AppendLine();
        if (report.Baseline is { } baseline)
        {
            md.AppendLine($"| Metric | MLP | {Cell(baseline.Name)} |").AppendLine("|---|---:|---:|");
            foreach (var (name, mlp, other, _) in BaselineRows.Of(report)) md.AppendLine($"| {name} | {mlp} | {other} |");
            if (report.CalibrationOrNull is { } calibration)
                md.AppendLine($"| Expected calibration error | {Numbers.Fixed(calibration.ExpectedCalibrationError)} | |");
            md.AppendLine();
        }
        else
        {
            md.AppendLine("| Metric | Value | Meaning |").AppendLine("|---|---:|---|");
            foreach (var (name, value, meaning) in TaskText.Headline(report)) md.AppendLine($"| {name} | {value} | {Cell(meaning)} |");
            md.AppendLine();
        }

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

        if (report.Classes.Count > 0)
        {
            string at = report.Binary is { } b ? $" (Probability > {Numbers.Fixed(b.Threshold, 3)} predicted true)" : "";
            md.AppendLine($"## Per class{at}").AppendLine().AppendLine("| Class | Precision | Recall | F1 | Support |").AppendLine("|---|---:|---:|---:|---:|");
            foreach (var c in report.Classes)
                md.AppendLine($"| {Cell(c.Name)} | {Numbers.Fixed(c.Precision)} | {Numbers.Fixed(c.Recall)} | {Numbers.Fixed(c.F1)} | {Numbers.Count(c.Support)} |");
            md.AppendLine();
        }

        if (report.Binary is { } binary)
        {
            md.AppendLine("## Thresholds").AppendLine().AppendLine("A row is predicted true when its Probability is above the threshold.").AppendLine()
              .AppendLine("| Threshold | Precision | Recall | F1 | Accuracy | TP | FP | TN | FN |").AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var t in binary.Thresholds)
            {
                string mark = t.Threshold == binary.Threshold ? "**" : "";
                md.AppendLine($"| {mark}{Numbers.Fixed(t.Threshold, 3)}{mark} | {Numbers.Fixed(t.Precision)} | {Numbers.Fixed(t.Recall)} | {Numbers.Fixed(t.F1)} | {Numbers.Fixed(t.Accuracy)} | {t.TruePositives} | {t.FalsePositives} | {t.TrueNegatives} | {t.FalseNegatives} |");
            }
            md.AppendLine();
        }

        foreach (var chart in report.Charts)
            md.AppendLine($"## {chart.Title}").AppendLine().AppendLine($"![{chart.Title}]({imageFolder}/{chart.Id}.png)").AppendLine()
              .AppendLine(chart.Caption).AppendLine();
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
