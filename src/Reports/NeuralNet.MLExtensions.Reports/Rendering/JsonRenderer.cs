using System.Text.Json;
using System.Text.Json.Serialization;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Rendering;

/// <summary>The report's numbers as JSON (snake_case; NaN and ±∞ written as "NaN", "Infinity"); a task's sections are null in another task's report.</summary>
internal static class JsonRenderer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Render(EvaluationReport report)
    {
        var document = new
        {
            report.Title,
            Task = report.Task.ToString().ToLowerInvariant(),
            Metrics = report.Task == MlpTask.Multiclass ? report.Metrics : null,
            report.Regression,
            report.Binary,
            expected_calibration_error = report.CalibrationOrNull?.ExpectedCalibrationError,
            Classes = report.Classes,
            ConfusionMatrix = report.Classes.Count == 0 ? null : new { Classes = report.Classes.Select(c => c.Name), Counts = report.ConfusionCounts },
            Calibration = report.CalibrationOrNull,
            Model = report.Model is null ? null : new
            {
                report.Model.Features,
                report.Model.Layers,
                report.Model.ParameterCount,
                report.Model.FeatureScaling,
                report.Model.Epochs,
                report.Model.StopReason,
                report.Model.FinalTrainingLoss,
                report.Model.TrainingSeconds,
                TrainingOptions = report.Model.TrainingOptions.ToDictionary(o => o.Key, o => o.Value),
            },
            History = report.History.Select(e => new
            {
                e.Epoch, e.TrainingLoss, e.ValidationLoss, e.ValidationAccuracy, e.ValidationRmse, e.LearningRate, e.GradientNorm,
                e.LayerGradientNorms, ElapsedSeconds = e.Elapsed.TotalSeconds,
            }),
            report.FeatureImportance,
            report.Baseline,
        };
        return JsonSerializer.Serialize(document, Options);
    }
}
