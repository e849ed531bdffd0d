using Microsoft.ML;
using NeuralNet.Cli.Data;
using NeuralNet.Cli.Tasks;
using NeuralNet.Cli.Terminal;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Commands;

/// <summary>
/// evaluate: scores a labelled CSV with a saved model and prints ML.NET's metrics of the model's task (and writes the
/// report). The model knows its task (<see cref="TrainedMlp.TaskOf"/>).
/// </summary>
internal static class EvaluateCommand
{
    public static int Run(string modelPath, string dataPath, string label, string? reportPath, CommandOutput io)
    {
        OutputFile.RequireWritable(reportPath, "--report");
        var ml = new MLContext(seed: 0);
        var (model, input) = SavedModel.Load(ml, modelPath);
        var task = TrainedMlp.TaskOf(model);
        var numericColumns = SavedModel.NumericColumns(input, except: label);
        var scan = CsvScan.Read(dataPath, label, numericColumns);
        var labelColumn = scan.Require(label, "Label");
        var data = NumericCleaning.ReplaceNonFinite(ml, CsvLoader.LoadForModel(ml, scan, input, optionalColumn: null), scan, numericColumns);
        var target = LabelTarget.ForModel(ml, task, label, model, input);
        target.Fit(data);
        var (mapped, used) = target.Apply(data);
        var account = target.Account(scan, labelColumn, numericColumns, used);
        if (used == 0)
            throw new CliException(task == MlpTask.Regression
                ? $"No rows of {dataPath} can be evaluated: none of its {scan.Rows} rows has a usable number in label column '{label}'."
                : $"No rows of {dataPath} can be evaluated: {account.NoLabel} have no label and {account.UnseenRows} have classes the model does not know ({string.Join(", ", target.Classes)}).");
        string title = $"{Path.GetFileName(modelPath)} on {Path.GetFileName(dataPath)}";
        string what = task == MlpTask.Regression ? "regression" : $"{target.Classes.Length} classes";
        if (task != MlpTask.Multiclass)
        {
            var metrics = TaskResults.Evaluate(ml, task, model, mapped, target.Classes);
            io.Messages.WriteLine($"Evaluated {Path.GetFileName(modelPath)} on {used} of the {scan.Rows} rows of {dataPath}; {what}.");
            foreach (var line in target.DescribeAccount(account, scan, labelColumn, metrics.Accuracy)) io.Messages.WriteLine(line);
            if (NumericCleaning.Describe(scan, numericColumns, "the training mean saved in the model") is { } replaced) io.Messages.WriteLine(replaced);
            foreach (var line in metrics.Lines) io.Messages.WriteLine(line);
            TaskResults.WriteReport(ml, model, mapped, title, reportPath, io.Messages);
            if (io.Json) io.Output.WriteLine(JsonSummary.Format(task, metrics, TrainedMlp.Find(model), trainRows: null, used, trainSeconds: null, modelPath, reportPath, account));
            return 0;
        }

        var report = EvaluationReport.Create(ml, model, mapped, LabelClasses.KeyColumn, new EvaluationReportOptions { Title = title });
        io.Messages.WriteLine($"Evaluated {Path.GetFileName(modelPath)} on {used} of the {scan.Rows} rows of {dataPath}; {what}.");
        foreach (var line in account.Describe(report.Metrics.MicroAccuracy)) io.Messages.WriteLine(line);
        if (NumericCleaning.Describe(scan, numericColumns, "the training mean saved in the model") is { } changed) io.Messages.WriteLine(changed);
        MetricsPrinter.Print(io.Messages, report);
        if (reportPath is not null)
        {
            ReportFile.Write(report, reportPath);
            io.Messages.WriteLine($"Report written to {reportPath}.");
        }
        if (io.Json) io.Output.WriteLine(JsonSummary.Format(report, trainRows: null, used, trainSeconds: null, modelPath, reportPath, account));
        return 0;
    }
}
