using Microsoft.ML;
using NeuralNet.Cli.Commands;
using NeuralNet.Cli.Data;
using NeuralNet.Cli.Terminal;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Tasks;

/// <summary>The end of train for binary and regression: ML.NET's metrics printed, the model saved, the report, the JSON.</summary>
internal static class TaskResults
{
    public static int Finish(MLContext ml, MlpTask task, ITransformer model, IDataView test, IReadOnlyList<string> classes, string title,
        long trainRows, long testRows, double seconds, string? modelPath, DataViewSchema input, string? reportPath, RowAccount? account,
        LabelTarget target, CsvScan? testScan, CsvColumn? testLabel, CommandOutput io)
    {
        var say = io.Messages;
        var mlp = TrainedMlp.Find(model);
        var metrics = Evaluate(ml, task, model, test, classes);
        say.WriteLine($"Trained {mlp?.History.Count} epochs in {seconds:F1} s ({(mlp is null ? "" : TrainedMlp.StopReason(mlp))}).");
        if (account is not null) foreach (var line in target.DescribeAccount(account, testScan!, testLabel!, metrics.Accuracy)) say.WriteLine(line);
        foreach (var line in metrics.Lines) say.WriteLine(line);
        if (modelPath is not null)
        {
            OutputFile.Write(modelPath, stream => ml.Model.Save(model, input, stream));
            say.WriteLine($"Model saved to {modelPath}.");
        }
        WriteReport(ml, model, test, title, reportPath, say);
        if (io.Json) io.Output.WriteLine(JsonSummary.Format(task, metrics, mlp, trainRows, testRows, seconds, modelPath, reportPath, account));
        return 0;
    }

    /// <summary>ML.NET's metrics of the task on <paramref name="test"/> (its label in <see cref="LabelClasses.KeyColumn"/>).</summary>
    public static TaskMetrics Evaluate(MLContext ml, MlpTask task, ITransformer model, IDataView test, IReadOnlyList<string> classes) =>
        task == MlpTask.Regression ? TaskMetrics.Regression(ml, model.Transform(test)) : TaskMetrics.Binary(ml, model.Transform(test), classes);

    /// <summary>The report, through the same <see cref="EvaluationReport.Create"/> as multiclass.</summary>
    public static void WriteReport(MLContext ml, ITransformer model, IDataView test, string title, string? reportPath, TextWriter say)
    {
        if (reportPath is null) return;
        var report = EvaluationReport.Create(ml, model, test, LabelClasses.KeyColumn, new EvaluationReportOptions { Title = title });
        ReportFile.Write(report, reportPath);
        say.WriteLine($"Report written to {reportPath}.");
    }
}
