using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>The most important features as horizontal bars, most important at the top.</summary>
internal static class ImportanceChart
{
    public static ReportChart Render(IReadOnlyList<FeatureImportance> top)
    {
        string metric = top[0].Metric;
        var plot = ChartCanvas.Create("Permutation feature importance", Capitalized(metric) + " when shuffled", "");
        int n = top.Count;
        var bars = top.Select((f, i) => new Bar
        {
            Position = n - 1 - i,
            Value = f.Importance,
            Error = f.StandardDeviation,
            FillColor = Colors.SteelBlue,
            Orientation = Orientation.Horizontal,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Left.SetTicks(Enumerable.Range(0, n).Select(i => (double)i).ToArray(), top.Select(f => f.Feature).Reverse().ToArray());
        plot.Axes.Margins(left: 0);
        return new ReportChart("feature-importance", "Permutation feature importance",
            $"The {metric} when one feature's values are shuffled across the test rows (error bars: standard deviation over permutations).",
            ChartCanvas.Png(plot, 720, Math.Clamp(120 + 26 * n, 300, 800)));
    }

    internal static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
