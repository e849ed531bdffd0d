using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports.Analysis;
using ScottPlot;

namespace NeuralNet.MLExtensions.Reports.Charts;

/// <summary>Loss, validation accuracy or RMSE, learning rate and per-layer gradient norms per epoch.</summary>
internal static class TrainingCurveCharts
{
    /// <summary>The ids of the charts <see cref="Render"/> can give, in order.</summary>
    public static IReadOnlyList<string> Ids { get; } = ["loss", "accuracy", "validation-rmse", "learning-rate", "gradient-norms"];

    public static IReadOnlyList<ReportChart> Render(TrainingHistory history, IReadOnlyList<string> layerNames, MlpTask task)
    {
        if (history.IsEmpty) return [];
        var charts = new List<ReportChart> { Loss(history, task) };
        if (history.ValidationAccuracy is not null) charts.Add(Accuracy(history));
        if (history.ValidationRmse is not null) charts.Add(Rmse(history));
        charts.Add(LearningRate(history));
        if (history.LayerGradientNorms.Length > 0) charts.Add(GradientNorms(history, layerNames));
        return charts;
    }

    private static ReportChart Loss(TrainingHistory h, MlpTask task)
    {
        var (axis, what) = task switch
        {
            MlpTask.Binary => ("Logistic loss", "logistic loss"),
            MlpTask.Regression => ("Loss (standardised target)", "squared or Huber loss on the standardised target"),
            _ => ("Cross-entropy loss", "cross-entropy"),
        };
        var plot = ChartCanvas.Create("Loss per epoch", "Epoch", axis);
        Line(plot, h.Epochs, h.TrainingLoss, "Training");
        if (h.ValidationLoss is { } validation) Line(plot, h.Epochs, validation, "Validation");
        plot.ShowLegend(Alignment.UpperRight);
        return new ReportChart("loss", "Loss", h.ValidationLoss is null
            ? $"Mean training loss per epoch ({what} plus the L2 penalty); no validation set was used."
            : "Training and validation loss per epoch; a widening gap means over-fitting.", ChartCanvas.Png(plot));
    }

    private static ReportChart Accuracy(TrainingHistory h)
    {
        var plot = ChartCanvas.Create("Accuracy per epoch", "Epoch", "Accuracy");
        if (h.ValidationAccuracy is { } validation) Line(plot, h.Epochs, validation, "Validation");
        plot.ShowLegend(Alignment.LowerRight);
        return new ReportChart("accuracy", "Accuracy", "Accuracy per epoch.", ChartCanvas.Png(plot));
    }

    private static ReportChart Rmse(TrainingHistory h)
    {
        var plot = ChartCanvas.Create("Validation RMSE per epoch", "Epoch", "RMSE (label units)");
        Line(plot, h.Epochs, h.ValidationRmse!, "Validation RMSE");
        plot.ShowLegend(Alignment.UpperRight);
        return new ReportChart("validation-rmse", "Validation RMSE",
            "Root mean squared error on the validation data per epoch, in the label's units.", ChartCanvas.Png(plot));
    }

    private static ReportChart LearningRate(TrainingHistory h)
    {
        var plot = ChartCanvas.Create("Learning rate per epoch", "Epoch", "Learning rate");
        Line(plot, h.Epochs, h.LearningRate, "Learning rate");
        // A constant rate would otherwise get ScottPlot's default ±1 range around it.
        double max = h.LearningRate.Max();
        if (max > 0) plot.Axes.SetLimitsY(0, max * 1.15);
        return new ReportChart("learning-rate", "Learning rate", "The optimizer's step size in each epoch.", ChartCanvas.Png(plot));
    }

    private static ReportChart GradientNorms(TrainingHistory h, IReadOnlyList<string> layerNames)
    {
        var plot = ChartCanvas.Create("Weight-gradient norm per layer (log scale)", "Epoch", "‖∇W‖₂ (mean over mini-batches)");
        for (int l = 0; l < h.LayerGradientNorms.Length; l++)
        {
            var logs = h.LayerGradientNorms[l].Select(v => v > 0 ? Math.Log10(v) : double.NaN).ToArray();
            Line(plot, h.Epochs, logs, l < layerNames.Count ? layerNames[l] : $"Layer {l + 1}");
        }
        var (positions, labels) = LogTicks(h.LayerGradientNorms.SelectMany(s => s).Where(v => v > 0));
        if (positions.Length > 0) plot.Axes.Left.SetTicks(positions, labels);
        plot.ShowLegend(Alignment.UpperRight);
        return new ReportChart("gradient-norms", "Gradient norms per layer",
            "Each dense layer's weight-gradient norm on a log scale; a layer whose curve sits decades below the others is barely learning (vanishing gradients).",
            ChartCanvas.Png(plot));
    }

    /// <summary>Ticks at 1, 2 and 5 times each power of ten within the data's range, placed at their log10.</summary>
    private static (double[] Positions, string[] Labels) LogTicks(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return ([], []);
        double low = Math.Log10(list.Min()), high = Math.Log10(list.Max());
        var ticks = new List<double>();
        for (int decade = (int)Math.Floor(low) - 1; decade <= (int)Math.Ceiling(high); decade++)
            foreach (double m in (double[])(high - low > 3 ? [1] : [1, 2, 5]))
            {
                double position = Math.Log10(m) + decade;
                if (position >= low - 0.15 && position <= high + 0.15) ticks.Add(position);
            }
        return (ticks.ToArray(), ticks.Select(t => Math.Pow(10, t).ToString("G2", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string legend)
    {
        var line = plot.Add.ScatterLine(xs, ys);
        line.LegendText = legend;
        line.LineWidth = 2;
        line.MarkerSize = xs.Length <= 30 ? 5 : 0;
    }
}
