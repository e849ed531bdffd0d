using System.Globalization;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>How numbers read in the report (invariant culture; NaN as a dash).</summary>
internal static class Numbers
{
    public static string Fixed(double value, int digits = 4) =>
        double.IsNaN(value) ? "—" : value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Seconds(double value) => double.IsNaN(value) ? "—" : value.ToString("F1", CultureInfo.InvariantCulture) + " s";

    /// <summary>The headline rows shared by the HTML and Markdown tables: name, value, and what it means.</summary>
    public static IReadOnlyList<(string Name, Func<ReportMetrics, string> Value, string Meaning)> MetricRows { get; } =
    [
        ("Micro accuracy", m => Fixed(m.MicroAccuracy), "share of rows predicted correctly"),
        ("Macro accuracy", m => Fixed(m.MacroAccuracy), "mean of the per-class recalls"),
        ("Log-loss", m => Fixed(m.LogLoss), "mean −log p(true class); lower is better"),
        ("Log-loss reduction", m => Fixed(m.LogLossReduction), "1 − log-loss / log-loss of the class priors"),
        ("Top-k accuracy", m => Fixed(m.TopKAccuracy) + $" (k = {m.TopKPredictionCount})", "true class among the k most probable"),
    ];
}
