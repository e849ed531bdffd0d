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
        AtomicWrite.RequireFolder(reportPath);
        var ml = new MLContext(seed: 0);
        var (model, input) = SavedModel.Load(ml, modelPath);
        var scan = CsvScan.Read(dataPath);
        scan.Require(label, "Label");
        var data = CsvLoader.LoadForModel(ml, scan, input, optionalColumn: null);
        var classes = LabelClasses.FromModel(model, input);
        var labelMap = LabelClasses.Mapping(ml, label, classes, data);

        var report = EvaluationReport.Create(ml, model, labelMap.Transform(data), LabelClasses.KeyColumn,
            new EvaluationReportOptions { Title = $"{Path.GetFileName(modelPath)} on {Path.GetFileName(dataPath)}" });
        io.Messages.WriteLine($"Evaluated {Path.GetFileName(modelPath)} on {scan.Rows} rows of {dataPath}; {classes.Length} classes.");
        MetricsPrinter.Print(io.Messages, report);
        if (reportPath is not null)
        {
            ReportFile.Write(report, reportPath);
            io.Messages.WriteLine($"Report written to {reportPath}.");
        }
        if (io.Json) io.Output.WriteLine(JsonSummary.Format(report, trainRows: null, scan.Rows, trainSeconds: null, modelPath, reportPath));
        return 0;
    }
}
