using System.Globalization;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Terminal;

/// <summary>Prints a report's headline metrics and per-class table as plain text.</summary>
internal static class MetricsPrinter
{
    public static void Print(TextWriter output, EvaluationReport report)
    {
        var m = report.Metrics;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Micro accuracy {m.MicroAccuracy:F4}   macro accuracy {m.MacroAccuracy:F4}   log-loss {m.LogLoss:F4}   log-loss reduction {m.LogLossReduction:F4}   top-{m.TopKPredictionCount} accuracy {m.TopKAccuracy:F4}"));
        int width = Math.Max(5, report.Classes.Max(c => c.Name.Length));
        output.WriteLine($"{"class".PadRight(width)}  precision  recall      F1  support");
        foreach (var c in report.Classes)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Name.PadRight(width)}  {c.Precision,9:F4}  {c.Recall,6:F4}  {c.F1,6:F4}  {c.Support,7}"));
    }
}
