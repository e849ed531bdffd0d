using System.Text;
using NeuralNet.MLExtensions.Reports.Charts;
using static NeuralNet.MLExtensions.Reports.Rendering.HtmlRenderer;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The report's table sections: baseline, model, per-class metrics, calibration bins and feature importance.</summary>
internal static class HtmlSections
{
    public static void Baseline(StringBuilder html, EvaluationReport report)
    {
        if (report.Baseline is not { } baseline) return;
        html.Append($"<section><h2>Against the baseline</h2><table><tr><th>Metric</th><th>MLP</th><th>{E(baseline.Name)}</th><th>Meaning</th></tr>\n");
        foreach (var (name, mlp, other, meaning) in BaselineRows.Of(report))
            html.Append($"<tr><td>{E(name)}</td><td>{E(mlp)}</td><td>{E(other)}</td><td>{E(meaning)}</td></tr>\n");
        html.Append("</table></section>\n");
    }

    public static void Model(StringBuilder html, EvaluationReport report)
    {
        if (report.Model is not { } m) return;
        html.Append("<section><h2>Model</h2><div class=\"columns\"><div><table><tr><th>Layer</th><th>Shape [out×in]</th><th>Activation</th><th>Parameters</th></tr>\n");
        html.Append($"<tr><td>Input</td><td>[{m.Features}]</td><td>{E(m.FeatureScaling switch { "None" => "—", "Robust" => "robust+clip", _ => "standardise" })}</td><td>0</td></tr>\n");
        foreach (var l in m.Layers)
            html.Append($"<tr><td>{E(l.Name)}</td><td>[{l.Outputs}×{l.Inputs}]</td><td>{E(l.Activation)}</td><td>{Numbers.Count(l.Parameters)}</td></tr>\n");
        html.Append($"<tr><th>Total</th><th></th><th></th><th>{Numbers.Count(m.ParameterCount)}</th></tr></table></div>\n");
        html.Append("<div><table><tr><th>Training</th><th></th></tr>")
            .Append($"<tr><td>Epochs</td><td>{m.Epochs}</td></tr>")
            .Append($"<tr><td>Stopped because</td><td>{E(m.StopReason)}</td></tr>")
            .Append($"<tr><td>Final training loss</td><td>{Numbers.Fixed(m.FinalTrainingLoss)}</td></tr>")
            .Append($"<tr><td>Training time</td><td>{Numbers.Seconds(m.TrainingSeconds)}</td></tr></table></div>\n");
        if (m.TrainingOptions.Count > 0)
        {
            html.Append("</div><h3>Training options</h3><div class=\"options\">");
            foreach (var (name, value) in m.TrainingOptions) html.Append($"<div><span>{E(name)}</span> <b>{E(value)}</b></div>");
        }
        html.Append("</div></section>\n");
    }

    public static void PerClass(StringBuilder html, EvaluationReport report)
    {
        html.Append("<section><h2>Per class</h2><table><tr><th>Class</th><th>Precision</th><th>Recall</th><th>F1</th><th>Support</th></tr>\n");
        double macroF1 = report.Classes.Average(c => c.F1);
        foreach (var c in report.Classes)
        {
            string low = c.F1 < macroF1 - 0.1 ? " class=\"low\"" : "";
            html.Append($"<tr><td>{E(c.Name)}</td><td>{Numbers.Fixed(c.Precision)}</td><td>{Numbers.Fixed(c.Recall)}</td><td{low}>{Numbers.Fixed(c.F1)}</td><td>{Numbers.Count(c.Support)}</td></tr>\n");
        }
        html.Append($"<tr><th>Mean</th><th>{Numbers.Fixed(report.Classes.Average(c => c.Precision))}</th><th>{Numbers.Fixed(report.Classes.Average(c => c.Recall))}</th>")
            .Append($"<th>{Numbers.Fixed(macroF1)}</th><th>{Numbers.Count(report.Classes.Sum(c => c.Support))}</th></tr></table>\n")
            .Append("<p class=\"lead\">From ML.NET's confusion matrix; an F1 more than 0.1 below the mean is shaded.</p></section>\n");
    }

    public static void CalibrationTable(StringBuilder html, EvaluationReport report)
    {
        bool binary = report.Task == Engine.MlpTask.Binary;
        html.Append(binary
            ? "<details><summary>Bins</summary><table><tr><th>Probability</th><th>Rows</th><th>Mean probability</th><th>Share true</th></tr>\n"
            : "<details><summary>Bins</summary><table><tr><th>Confidence</th><th>Rows</th><th>Mean confidence</th><th>Accuracy</th></tr>\n");
        foreach (var b in report.Calibration.Bins)
            html.Append($"<tr><td>({Numbers.Fixed(b.Lower, 2)}, {Numbers.Fixed(b.Upper, 2)}]</td><td>{Numbers.Count(b.Count)}</td><td>{Numbers.Fixed(b.MeanConfidence)}</td><td>{Numbers.Fixed(b.Accuracy)}</td></tr>\n");
        html.Append("</table></details>\n");
    }

    public static void Importance(StringBuilder html, EvaluationReport report, ReportChart? chart)
    {
        if (report.FeatureImportance is not { Count: > 0 } importance || chart is null) return;
        html.Append("<section><h2>Permutation feature importance</h2>\n");
        Figure(html, chart);
        html.Append($"<details><summary>All features</summary><table><tr><th>Feature</th><th>{E(ImportanceChart.Capitalized(importance[0].Metric))}</th><th>Std. dev.</th></tr>\n");
        foreach (var f in importance)
            html.Append($"<tr><td>{E(f.Feature)}</td><td>{Numbers.Fixed(f.Importance)}</td><td>{Numbers.Fixed(f.StandardDeviation)}</td></tr>\n");
        html.Append("</table></details></section>\n");
    }
}
