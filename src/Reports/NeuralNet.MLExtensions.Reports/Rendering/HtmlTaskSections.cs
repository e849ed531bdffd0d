using System.Text;
using static NeuralNet.MLExtensions.Reports.Rendering.HtmlRenderer;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The binary report's tables: per class at the threshold, and the threshold table.</summary>
internal static class HtmlTaskSections
{
    public static void PerClassTable(StringBuilder html, EvaluationReport report)
    {
        html.Append("<table><tr><th>Class</th><th>Precision</th><th>Recall</th><th>F1</th><th>Support</th></tr>\n");
        foreach (var c in report.Classes)
            html.Append($"<tr><td>{E(c.Name)}</td><td>{Numbers.Fixed(c.Precision)}</td><td>{Numbers.Fixed(c.Recall)}</td><td>{Numbers.Fixed(c.F1)}</td><td>{Numbers.Count(c.Support)}</td></tr>\n");
        html.Append($"</table>\n<p class=\"lead\">Rows with Probability &gt; {Numbers.Fixed(report.Binary!.Threshold, 3)} are predicted true.</p>\n");
    }

    public static void Thresholds(StringBuilder html, BinarySummary binary)
    {
        html.Append("<section><h2>Thresholds</h2><table><tr><th>Threshold</th><th>Precision</th><th>Recall</th><th>F1</th><th>Accuracy</th>")
            .Append("<th>True pos.</th><th>False pos.</th><th>True neg.</th><th>False neg.</th></tr>\n");
        foreach (var t in binary.Thresholds)
        {
            string chosen = t.Threshold == binary.Threshold ? " class=\"chosen\"" : "";
            html.Append($"<tr{chosen}><td>{Numbers.Fixed(t.Threshold, 3)}</td><td>{Numbers.Fixed(t.Precision)}</td><td>{Numbers.Fixed(t.Recall)}</td>")
                .Append($"<td>{Numbers.Fixed(t.F1)}</td><td>{Numbers.Fixed(t.Accuracy)}</td><td>{Numbers.Count(t.TruePositives)}</td>")
                .Append($"<td>{Numbers.Count(t.FalsePositives)}</td><td>{Numbers.Count(t.TrueNegatives)}</td><td>{Numbers.Count(t.FalseNegatives)}</td></tr>\n");
        }
        html.Append("</table>\n<p class=\"lead\">A row is predicted true when its Probability is above the threshold; the report's threshold is highlighted.</p></section>\n");
    }
}
