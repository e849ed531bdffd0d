using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>The reliability diagram: observed accuracy per confidence bin against the diagonal of perfect calibration.</summary>
internal static class ReliabilityChart
{
    /// <summary>Multiclass (<paramref name="binary"/> false): top probability against accuracy; binary: Probability against the share of positives.</summary>
    public static ReportChart Render(CalibrationSummary calibration, bool binary = false)
    {
        var plot = ChartCanvas.Create(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Reliability diagram (ECE {calibration.ExpectedCalibrationError:F3})"),
            binary ? "Predicted probability of true" : "Confidence (top probability)", binary ? "Observed share of true labels" : "Observed accuracy");
        var bars = calibration.Bins.Where(b => b.Count > 0).Select(b => new Bar
        {
            Position = (b.Lower + b.Upper) / 2,
            Value = b.Accuracy,
            Size = (b.Upper - b.Lower) * 0.9,
            FillColor = Colors.SteelBlue.WithAlpha(0.8),
        }).ToList();
        var accuracy = plot.Add.Bars(bars);
        accuracy.LegendText = binary ? "Share of true labels in bin" : "Accuracy in bin";

        var gaps = plot.Add.ScatterPoints(
            calibration.Bins.Where(b => b.Count > 0).Select(b => b.MeanConfidence).ToArray(),
            calibration.Bins.Where(b => b.Count > 0).Select(b => b.Accuracy).ToArray());
        gaps.LegendText = binary ? "Bin (mean probability, share true)" : "Bin (mean confidence, accuracy)";
        gaps.MarkerSize = 8;
        gaps.Color = Colors.OrangeRed;

        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "Perfect calibration";
        plot.Axes.SetLimits(0, 1, 0, 1.05);
        plot.ShowLegend(Alignment.UpperLeft);
        return new ReportChart("reliability", "Reliability diagram",
            binary
                ? "Bars below the diagonal mean the probability of true is too high in that range, above it too low; ECE is the row-weighted mean gap."
                : "Bars below the diagonal mean the model is over-confident in that range, above it under-confident; ECE is the row-weighted mean gap.",
            ChartCanvas.Png(plot, 560, 460));
    }
}
