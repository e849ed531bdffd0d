using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>Regression: predicted against actual (with y = x), the residual histogram, and residuals against predicted.</summary>
internal static class RegressionCharts
{
    public static IReadOnlyList<ReportChart> Render(double[] actual, double[] predicted)
    {
        var residuals = actual.Zip(predicted, (y, p) => y - p).ToArray();
        return [PredictedAgainstActual(actual, predicted), ResidualHistogram(residuals), ResidualsAgainstPredicted(predicted, residuals)];
    }

    private static ReportChart PredictedAgainstActual(double[] actual, double[] predicted)
    {
        var plot = ChartCanvas.Create("Predicted against actual", "Actual (label)", "Predicted (Score)");
        Points(plot, actual, predicted);
        double low = actual.Concat(predicted).DefaultIfEmpty(0).Min(), high = actual.Concat(predicted).DefaultIfEmpty(1).Max();
        if (high <= low) high = low + 1;
        var identity = plot.Add.Line(low, low, high, high);
        identity.LinePattern = LinePattern.Dashed;
        identity.Color = Colors.Gray;
        identity.LineWidth = 1.5f;
        identity.LegendText = "y = x (perfect prediction)";
        double pad = (high - low) * 0.04;
        plot.Axes.SetLimits(low - pad, high + pad, low - pad, high + pad);
        plot.ShowLegend(Alignment.UpperLeft);
        return new ReportChart("predicted-actual", "Predicted against actual",
            "Each test row's prediction against its label; points on the dashed line are exact, points above it over-predicted.",
            ChartCanvas.Png(plot, 560, 520));
    }

    private static ReportChart ResidualHistogram(double[] residuals)
    {
        var plot = ChartCanvas.Create("Residuals (actual − predicted)", "Residual (label units)", "Rows");
        if (residuals.Length > 0)
        {
            int binCount = Math.Clamp((int)Math.Ceiling(Math.Sqrt(residuals.Length)), 5, 50);
            double low = residuals.Min(), high = residuals.Max();
            double width = high > low ? (high - low) / binCount : 1;
            var counts = new int[binCount];
            foreach (var r in residuals) counts[Math.Clamp((int)((r - low) / width), 0, binCount - 1)]++;
            plot.Add.Bars(counts.Select((c, b) => new Bar
            {
                Position = low + (b + 0.5) * width,
                Value = c,
                Size = width * 0.95,
                FillColor = Colors.SteelBlue,
            }).ToList());
            var zero = plot.Add.VerticalLine(0);
            zero.LinePattern = LinePattern.Dashed;
            zero.Color = Colors.Gray;
            plot.Axes.Margins(bottom: 0);
        }
        return new ReportChart("residual-histogram", "Residual histogram",
            "How far the predictions miss, in the label's units; a histogram centred on 0 (dashed) means no overall bias.",
            ChartCanvas.Png(plot));
    }

    private static ReportChart ResidualsAgainstPredicted(double[] predicted, double[] residuals)
    {
        var plot = ChartCanvas.Create("Residuals against predicted", "Predicted (Score)", "Residual (actual − predicted)");
        Points(plot, predicted, residuals);
        var zero = plot.Add.HorizontalLine(0);
        zero.LinePattern = LinePattern.Dashed;
        zero.Color = Colors.Gray;
        return new ReportChart("residuals-predicted", "Residuals against predicted",
            "A band of even width around 0 is what a good model leaves; a funnel or a curve means errors that depend on the prediction.",
            ChartCanvas.Png(plot));
    }

    private static void Points(Plot plot, double[] xs, double[] ys)
    {
        var points = plot.Add.ScatterPoints(xs, ys);
        points.Color = Colors.SteelBlue.WithAlpha(xs.Length > 2000 ? 0.25 : 0.6);
        points.MarkerSize = xs.Length > 2000 ? 3 : 5;
        points.LegendText = "Test rows";
    }
}
