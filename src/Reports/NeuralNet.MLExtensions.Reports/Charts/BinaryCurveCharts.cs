using System.Globalization;
using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>Binary: the ROC curve against the chance diagonal, and the precision-recall curve against the positive rate.</summary>
internal static class BinaryCurveCharts
{
    public static IReadOnlyList<ReportChart> Render(BinarySummary binary) => [Roc(binary), PrecisionRecall(binary)];

    private static ReportChart Roc(BinarySummary b)
    {
        var plot = ChartCanvas.Create(string.Create(CultureInfo.InvariantCulture, $"ROC curve (AUC {b.AreaUnderRocCurve:F3})"),
            "False-positive rate", "True-positive rate");
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        chance.LegendText = "Chance";
        Curve(plot, b.RocCurve, "MLP");
        Marker(plot, b.RocCurve, b.Threshold);
        plot.Axes.SetLimits(-0.01, 1.01, -0.01, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return new ReportChart("roc", "ROC curve",
            "Share of true rows caught against share of false rows flagged as the threshold falls; the dot is the report's threshold.",
            ChartCanvas.Png(plot, 520, 480));
    }

    private static ReportChart PrecisionRecall(BinarySummary b)
    {
        var plot = ChartCanvas.Create(string.Create(CultureInfo.InvariantCulture, $"Precision-recall curve (AUPRC {b.AreaUnderPrecisionRecallCurve:F3})"),
            "Recall", "Precision");
        double rate = b.Rows > 0 ? (double)b.Positives / b.Rows : 0;
        var chance = plot.Add.HorizontalLine(rate);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        chance.LegendText = string.Create(CultureInfo.InvariantCulture, $"Share of true labels ({rate:F2})");
        Curve(plot, b.PrecisionRecallCurve, "MLP");
        Marker(plot, b.PrecisionRecallCurve, b.Threshold);
        plot.Axes.SetLimits(-0.01, 1.01, 0, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        return new ReportChart("precision-recall", "Precision-recall curve",
            "Precision against recall as the threshold falls; the dashed line is what guessing scores; the dot is the report's threshold.",
            ChartCanvas.Png(plot, 520, 480));
    }

    private static void Curve(Plot plot, IReadOnlyList<CurvePoint> points, string legend)
    {
        var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.Color = Colors.SteelBlue;
        line.LegendText = legend;
    }

    /// <summary>The curve's point at the threshold: the last point whose rows all have probability above it.</summary>
    private static void Marker(Plot plot, IReadOnlyList<CurvePoint> points, double threshold)
    {
        var point = points.Where(p => p.Threshold > threshold).DefaultIfEmpty(points[0]).Last();
        var marker = plot.Add.Marker(point.X, point.Y);
        marker.Color = Colors.OrangeRed;
        marker.Size = 10;
        marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"Threshold {threshold:0.###}");
    }
}
