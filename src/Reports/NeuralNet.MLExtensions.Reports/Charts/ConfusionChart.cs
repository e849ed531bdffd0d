using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>The confusion matrix as a heat map: actual class down, predicted across, coloured by the row's share, counts written in.</summary>
internal static class ConfusionChart
{
    /// <param name="counts">[actual][predicted] counts.</param>
    /// <param name="names">The classes, in the order of the counts.</param>
    /// <param name="titleSuffix">Added to the chart's title, e.g. the binary threshold.</param>
    public static ReportChart Render(long[][] counts, IReadOnlyList<string> names, string titleSuffix = "")
    {
        int k = names.Count;
        var share = new double[k, k];
        for (int a = 0; a < k; a++)
        {
            long total = counts[a].Sum();
            for (int p = 0; p < k; p++) share[a, p] = total > 0 ? (double)counts[a][p] / total : 0;
        }

        var plot = ChartCanvas.Create($"Confusion matrix{titleSuffix} (colour: share of the actual class)", "Predicted class", "Actual class");
        var heatmap = plot.Add.Heatmap(share);
        heatmap.Colormap = new WhiteToBlue();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);

        // Heat map row 0 is drawn at the top; cell centres sit on integer coordinates.
        float fontSize = k <= 10 ? 13 : k <= 20 ? 10 : 8;
        for (int a = 0; a < k; a++)
            for (int p = 0; p < k; p++)
            {
                if (counts[a][p] == 0) continue;
                var text = plot.Add.Text(counts[a][p].ToString(System.Globalization.CultureInfo.InvariantCulture), p, k - 1 - a);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                text.LabelFontColor = share[a, p] > 0.55 ? Colors.White : Colors.Black;
            }

        var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, names.ToArray());
        plot.Axes.Left.SetTicks(positions, names.Reverse().ToArray());
        if (k > 6 || names.Any(n => n.Length > 6))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            // ScottPlot does not measure rotated labels: leave room for the longest one.
            plot.Axes.Bottom.MinimumSize = 30 + 7 * names.Max(n => n.Length);
        }
        plot.Axes.Left.MinimumSize = 20 + 8 * names.Max(n => n.Length);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        int size = Math.Clamp(220 + 48 * k, 520, 1000);
        return new ReportChart("confusion-matrix", "Confusion matrix",
            "Rows are the actual class, columns the predicted class; the diagonal holds the correct predictions.",
            ChartCanvas.Png(plot, size + 120, size));
    }
}
