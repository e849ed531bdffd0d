using Microsoft.ML;
using NeuralNet.Cli.Data;
using NeuralNet.Cli.Terminal;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Commands;

/// <summary>evaluate: scores a labelled CSV with a saved model and prints ML.NET's metrics (and writes the report).</summary>
internal static class EvaluateCommand
{
    public static int Run(string modelPath, string dataPath, string label, string? reportPath, CommandOutput io)
    {
        OutputFile.RequireWritable(reportPath, "--report");
        var ml = new MLContext(seed: 0);
        var (model, input) = SavedModel.Load(ml, modelPath);
        var numericColumns = SavedModel.NumericColumns(input, except: label);
        var scan = CsvScan.Read(dataPath, label, numericColumns);
        var labelColumn = scan.Require(label, "Label");
        var data = NumericCleaning.ReplaceNonFinite(ml, CsvLoader.LoadForModel(ml, scan, input, optionalColumn: null), scan, numericColumns);
        var classes = LabelClasses.FromModel(model, input);
        bool numericLabel = LabelClasses.AreNumbers(classes);
        var mapped = LabelClasses.Mapping(ml, label, classes, numericLabel, data).Transform(data);
        long used = LabelClasses.CountLabelled(mapped);
        var account = RowAccount.Of(scan, labelColumn, classes, numericLabel, numericColumns, used);
        if (used == 0)
            throw new CliException($"No rows of {dataPath} can be evaluated: {account.NoLabel} have no label and {account.UnseenRows} have classes the model does not know ({string.Join(", ", classes)}).");

        var report = EvaluationReport.Create(ml, model, mapped, LabelClasses.KeyColumn,
            new EvaluationReportOptions { Title = $"{Path.GetFileName(modelPath)} on {Path.GetFileName(dataPath)}" });
        io.Messages.WriteLine($"Evaluated {Path.GetFileName(modelPath)} on {used} of the {scan.Rows} rows of {dataPath}; {classes.Length} classes.");
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
