using System.Text.Json;
using NeuralNet.Cli.Commands;
using NeuralNet.Cli.Tasks;
using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Terminal;

/// <summary>The one JSON object <c>--json</c> prints on standard output.</summary>
internal static class JsonSummary
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="report">The evaluation.</param>
    /// <param name="trainRows">Rows trained on (null for evaluate).</param>
    /// <param name="testRows">Rows the metrics cover.</param>
    /// <param name="trainSeconds">Training time (null for evaluate).</param>
    /// <param name="modelPath">Where the model is.</param>
    /// <param name="reportPath">Where the report is.</param>
    /// <param name="account">How the rows of a labelled test file were used; null for held-out rows.</param>
    public static string Format(EvaluationReport report, long? trainRows, long testRows, double? trainSeconds, string? modelPath, string? reportPath,
        RowAccount? account) =>
        JsonSerializer.Serialize(new
        {
            Task = "multiclass",
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
            TestFileRows = account?.FileRows,
            TestRowsWithoutLabel = account?.NoLabel,
            TestRowsWithReplacedValues = account?.Imputed,
            UnseenClassRows = account?.UnseenRows,
            UnseenClasses = account?.Unseen.Select(u => u.Class).ToArray(),
            MicroAccuracyCountingUnseenAsErrors = account is null ? (double?)null : account.AccuracyCountingUnseen(report.Metrics.MicroAccuracy),
            Model = modelPath,
            Report = reportPath,
        }, Options);

    /// <summary>The JSON object of a binary or regression evaluation: the task, its metrics, then the same fields as multiclass.</summary>
    public static string Format(MlpTask task, TaskMetrics metrics, MlpModelParameters? mlp, long? trainRows, long testRows, double? trainSeconds,
        string? modelPath, string? reportPath, RowAccount? account)
    {
        var fields = new Dictionary<string, object?> { ["task"] = TaskChoice.Name(task) };
        foreach (var (name, value) in metrics.Fields) fields[name] = value;
        fields["train_seconds"] = trainSeconds ?? TrainedMlp.Seconds(mlp);
        fields["epochs"] = mlp?.History.Count;
        fields["stop_reason"] = mlp is null ? null : TrainedMlp.StopReason(mlp);
        fields["train_rows"] = trainRows;
        fields["test_rows"] = testRows;
        fields["test_file_rows"] = account?.FileRows;
        fields["test_rows_without_label"] = account?.NoLabel;
        fields["test_rows_with_replaced_values"] = account?.Imputed;
        if (task == MlpTask.Binary)
        {
            fields["unseen_class_rows"] = account?.UnseenRows;
            fields["unseen_classes"] = account?.Unseen.Select(u => u.Class).ToArray();
            fields["accuracy_counting_unseen_as_errors"] = account is null ? null : account.AccuracyCountingUnseen(metrics.Accuracy ?? double.NaN);
        }
        fields["model"] = modelPath;
        fields["report"] = reportPath;
        return JsonSerializer.Serialize(fields, Options);
    }
}
