using System.Text.Json;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Terminal;

/// <summary>The one JSON object <c>--json</c> prints on standard output.</summary>
internal static class JsonSummary
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Format(EvaluationReport report, long? trainRows, long testRows, double? trainSeconds, string? modelPath, string? reportPath) =>
        JsonSerializer.Serialize(new
        {
            MicroAccuracy = report.Metrics.MicroAccuracy,
            MacroAccuracy = report.Metrics.MacroAccuracy,
            LogLoss = report.Metrics.LogLoss,
            LogLossReduction = report.Metrics.LogLossReduction,
            TopKAccuracy = report.Metrics.TopKAccuracy,
            TopK = report.Metrics.TopKPredictionCount,
            ExpectedCalibrationError = report.Calibration.ExpectedCalibrationError,
            TrainSeconds = trainSeconds ?? report.Model?.TrainingSeconds,
            Epochs = report.Model?.Epochs,
            StopReason = report.Model?.StopReason,
            Classes = report.Classes.Select(c => c.Name).ToArray(),
            TrainRows = trainRows,
            TestRows = testRows,
            Model = modelPath,
            Report = reportPath,
        }, Options);
}
