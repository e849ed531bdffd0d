using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>The reliability diagram: observed accuracy per confidence bin against the diagonal of perfect calibration.</summary>
internal static class ReliabilityChart
{
    public static ReportChart Render(CalibrationSummary calibration)
    {
        var plot = ChartCanvas.Create(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Reliability diagram (ECE {calibration.ExpectedCalibrationError:F3})"), "Confidence (top probability)", "Observed accuracy");
        var bars = calibration.Bins.Where(b => b.Count > 0).Select(b => new Bar
        {
            Position = (b.Lower + b.Upper) / 2,
            Value = b.Accuracy,
            Size = (b.Upper - b.Lower) * 0.9,
            FillColor = Colors.SteelBlue.WithAlpha(0.8),
        }).ToList();
        var accuracy = plot.Add.Bars(bars);
        accuracy.LegendText = "Accuracy in bin";

        var gaps = plot.Add.ScatterPoints(
            calibration.Bins.Where(b => b.Count > 0).Select(b => b.MeanConfidence).ToArray(),
            calibration.Bins.Where(b => b.Count > 0).Select(b => b.Accuracy).ToArray());
        gaps.LegendText = "Bin (mean confidence, accuracy)";
        gaps.MarkerSize = 8;
        gaps.Color = Colors.OrangeRed;

        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "Perfect calibration";
        plot.Axes.SetLimits(0, 1, 0, 1.05);
        plot.ShowLegend(Alignment.UpperLeft);
        return new ReportChart("reliability", "Reliability diagram",
            "Bars below the diagonal mean the model is over-confident in that range, above it under-confident; ECE is the row-weighted mean gap.",
            ChartCanvas.Png(plot, 560, 460));
    }
}
