using System.Diagnostics;
using Microsoft.ML;
using NeuralNet.Cli.Data;
using NeuralNet.Cli.Tasks;
using NeuralNet.Cli.Terminal;
using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Commands;

/// <summary>
/// train: reads a CSV, chooses the task (<see cref="TaskChoice"/>), featurizes, trains the MLP, evaluates on a test
/// file or a held-out fraction, saves.
/// </summary>
internal static class TrainCommand
{
    public const string PredictedValueColumn = "PredictedValue";

    public static int Run(TrainSettings s, CommandOutput io)
    {
        if (s.ValidationFraction is double fraction && !(fraction >= 0 && fraction < 1))
            throw new CliException($"--validation-fraction must be at least 0 and below 1; got {s.ValidationFraction}.");
        if (s.TestPath is null && !(s.TestFraction > 0 && s.TestFraction < 1))
            throw new CliException($"--test-fraction must be between 0 and 1 (exclusive); got {s.TestFraction}.");
        var requested = TaskChoice.Parse(s.Task);
        _ = TaskTrainer.Options<MlpTrainer.Options>(s, LabelClasses.KeyColumn, Featurizer.FeaturesColumn);   // every shared option checked before any data is read
        OutputFile.RequireWritable(s.ModelPath, "--model");
        OutputFile.RequireWritable(s.ReportPath, "--report");

        var ml = new MLContext(seed: s.Seed);
        var trainScan = CsvScan.Read(s.TrainPath, s.Label);
        var label = trainScan.Require(s.Label, "Label");
        var (task, why) = TaskChoice.Choose(trainScan, label, requested);
        if (s.PositiveClass is not null && task != MlpTask.Binary)
            throw new CliException($"--positive-class applies to binary classification only; the task is {TaskChoice.Name(task)}. {why}");
        var target = LabelTarget.ForTraining(ml, task, trainScan, label, s.PositiveClass);
        var numericColumns = trainScan.Columns.Where(c => c.IsNumeric && c.Name != s.Label).Select(c => c.Name).ToHashSet();
        var testScan = s.TestPath is null ? null : CsvScan.Read(s.TestPath, s.Label, numericColumns);
        var testLabel = testScan?.Require(s.Label, "Label");

        var (featurize, steps) = Featurizer.Build(ml, trainScan, s.Label);
        var say = io.Messages;
        say.WriteLine($"Read {trainScan.Path}: {trainScan.Rows} rows, {trainScan.Columns.Count} columns.");
        say.WriteLine(why);
        foreach (var line in target.Describe(trainScan, label)) say.WriteLine(line);
        foreach (var step in steps) say.WriteLine(step);
        foreach (var scan in new[] { trainScan, testScan }.OfType<CsvScan>())
            if (NumericCleaning.Describe(scan, numericColumns, "the column mean of the training rows") is { } changed) say.WriteLine(changed);

        bool numericTarget = task == MlpTask.Regression;
        IDataView raw = CsvLoader.LoadForTraining(ml, trainScan, s.Label, numericTarget);
        IDataView all = NumericCleaning.ReplaceNonFinite(ml, raw, trainScan, numericColumns);
        IDataView train = all, test;
        if (testScan is null)
        {
            var split = ml.Data.TrainTestSplit(all, s.TestFraction, seed: s.Seed);
            (train, test) = (split.TrainSet, split.TestSet);
            say.WriteLine($"Holding out {s.TestFraction:P0} of the rows for testing (seed {s.Seed}).");
        }
        else test = NumericCleaning.ReplaceNonFinite(ml, TestFileLoader.LoadLike(ml, trainScan, testScan, s.Label, numericTarget), testScan, numericColumns);

        target.Fit(train);
        var (trainMapped, trainRows) = target.Apply(train);
        var (testMapped, testRows) = target.Apply(test);
        if (trainRows == 0) throw new CliException($"No rows to train on: none of the training rows of {trainScan.Path} has a label.");
        if (testRows == 0) throw new CliException("The test set has no labelled rows of a known class: use a larger --test-fraction or another --test file.");
        var account = testScan is null ? null : target.Account(testScan, testLabel!, numericColumns, testRows);

        var (pipeline, options) = TaskTrainer.Pipeline(ml, task, s, featurize, LabelClasses.KeyColumn, Featurizer.FeaturesColumn, target.Classes);
        string validation = options.ValidationFraction <= 0 ? ""
            : trainRows <= options.RefitMaximumRows
                ? $" ({options.ValidationFraction:P0} of them held out to pick the best epoch, then all rows trained again for that many epochs)"
                : $" ({options.ValidationFraction:P0} of them held out for validation and early stopping)";
        say.WriteLine($"Training {string.Join("-", options.HiddenLayerSizes)} {options.Activation[0]} MLP on {trainRows} rows{validation}, testing on {testRows}.");
        var clock = Stopwatch.StartNew();
        var model = TrainingProgress.Run(ml, say, io.Interactive && !io.Json, options.MaximumNumberOfEpochs, () => pipeline.Fit(trainMapped));
        double seconds = clock.Elapsed.TotalSeconds;

        string title = $"{Path.GetFileName(s.TrainPath)}: MLP predicting '{s.Label}'";
        if (task != MlpTask.Multiclass)
            return TaskResults.Finish(ml, task, model, testMapped, target.Classes, title, trainRows, testRows, seconds, s.ModelPath, raw.Schema, s.ReportPath,
                account, target, testScan, testLabel, io);

        var report = EvaluationReport.Create(ml, model, testMapped, LabelClasses.KeyColumn, new EvaluationReportOptions
        {
            Title = title,
            TrainingOptions = (MlpTrainer.Options)options,
        });
        say.WriteLine($"Trained {report.Model?.Epochs} epochs in {seconds:F1} s ({report.Model?.StopReason}).");
        foreach (var line in account?.Describe(report.Metrics.MicroAccuracy) ?? []) say.WriteLine(line);
        MetricsPrinter.Print(say, report);

        if (s.ModelPath is not null)
        {
            OutputFile.Write(s.ModelPath, stream => ml.Model.Save(model, raw.Schema, stream));
            say.WriteLine($"Model saved to {s.ModelPath}.");
        }
        if (s.ReportPath is not null)
        {
            ReportFile.Write(report, s.ReportPath);
            say.WriteLine($"Report written to {s.ReportPath}.");
        }
        if (io.Json) io.Output.WriteLine(JsonSummary.Format(report, trainRows, testRows, seconds, s.ModelPath, s.ReportPath, account));
        return 0;
    }
}
