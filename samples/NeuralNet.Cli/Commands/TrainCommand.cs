using System.Diagnostics;
using Microsoft.ML;
using NeuralNet.Cli.Data;
using NeuralNet.Cli.Terminal;
using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.Cli.Commands;

/// <summary>train: reads a CSV, featurizes it, trains the MLP, evaluates on a test file or a held-out fraction, saves.</summary>
internal static class TrainCommand
{
    public const string PredictedValueColumn = "PredictedValue";

    public static int Run(TrainSettings s, CommandOutput io)
    {
        if (s.ValidationFraction is < 0 or >= 1)
            throw new CliException($"--validation-fraction must be at least 0 and below 1; got {s.ValidationFraction}.");
        if (s.TestPath is null && s.TestFraction is <= 0 or >= 1)
            throw new CliException($"--test-fraction must be between 0 and 1 (exclusive); got {s.TestFraction}.");
        var options = TrainerOptions(s);
        AtomicWrite.RequireFolder(s.ModelPath);
        AtomicWrite.RequireFolder(s.ReportPath);

        var ml = new MLContext(seed: s.Seed);
        var trainScan = CsvScan.Read(s.TrainPath);
        var label = trainScan.Require(s.Label, "Label");
        var classes = LabelClasses.FromScan(label);
        var testScan = s.TestPath is null ? null : CsvScan.Read(s.TestPath);
        if (testScan is not null) testScan.Require(s.Label, "Label");

        var (featurize, steps) = Featurizer.Build(ml, trainScan, s.Label);
        var say = io.Messages;
        say.WriteLine($"Read {trainScan.Path}: {trainScan.Rows} rows, {trainScan.Columns.Count} columns.");
        say.WriteLine($"Label '{s.Label}' ({(label.IsNumeric ? "numbers" : "text")}): {classes.Length} classes: {string.Join(", ", classes.Take(20))}{(classes.Length > 20 ? ", …" : "")}.");
        if (label.Missing > 0) say.WriteLine($"{label.Missing} row(s) without a label are skipped.");
        foreach (var step in steps) say.WriteLine(step);

        IDataView all = CsvLoader.LoadForTraining(ml, trainScan, s.Label);
        IDataView train = all, test;
        if (testScan is null)
        {
            var split = ml.Data.TrainTestSplit(all, s.TestFraction, seed: s.Seed);
            (train, test) = (split.TrainSet, split.TestSet);
            say.WriteLine($"Holding out {s.TestFraction:P0} of the rows for testing (seed {s.Seed}).");
        }
        else test = TestFileLoader.LoadLike(ml, trainScan, testScan, s.Label);
        long trainRows = TestFileLoader.CountRows(train), testRows = TestFileLoader.CountRows(test);
        if (testRows == 0) throw new CliException("The test set is empty: use a larger --test-fraction or a --test file.");

        var labelMap = LabelClasses.Mapping(ml, s.Label, classes, train);
        var pipeline = featurize
            .Append(ml.MulticlassClassification.Trainers.Mlp(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue(PredictedValueColumn, "PredictedLabel"));
        string validation = options.ValidationFraction > 0
            ? $" ({options.ValidationFraction:P0} of them held out for validation and early stopping)"
            : "";
        say.WriteLine($"Training {string.Join("-", options.HiddenLayerSizes)} {options.Activation[0]} MLP on {trainRows} rows{validation}, testing on {testRows}.");
        var clock = Stopwatch.StartNew();
        var model = TrainingProgress.Run(ml, say, io.Interactive && !io.Json, options.MaximumNumberOfEpochs, () => pipeline.Fit(labelMap.Transform(train)));
        double seconds = clock.Elapsed.TotalSeconds;

        var report = EvaluationReport.Create(ml, model, labelMap.Transform(test), LabelClasses.KeyColumn, new EvaluationReportOptions
        {
            Title = $"{Path.GetFileName(s.TrainPath)}: MLP predicting '{s.Label}'",
            TrainingOptions = options,
        });
        say.WriteLine($"Trained {report.Model?.Epochs} epochs in {seconds:F1} s ({report.Model?.StopReason}).");
        MetricsPrinter.Print(say, report);

        if (s.ModelPath is not null)
        {
            AtomicWrite.Run(s.ModelPath, temporary => ml.Model.Save(model, all.Schema, temporary));
            say.WriteLine($"Model saved to {s.ModelPath}.");
        }
        if (s.ReportPath is not null)
        {
            ReportFile.Write(report, s.ReportPath);
            say.WriteLine($"Report written to {s.ReportPath}.");
        }
        if (io.Json) io.Output.WriteLine(JsonSummary.Format(report, trainRows, testRows, seconds, s.ModelPath, s.ReportPath));
        return 0;
    }

    private static MlpTrainer.Options TrainerOptions(TrainSettings s)
    {
        if (!Enum.TryParse<MLExtensions.Engine.Activation>(s.Activation, ignoreCase: true, out var activation) || !Enum.IsDefined(activation))
            throw new CliException($"--activation must be one of {string.Join(", ", Enum.GetNames<MLExtensions.Engine.Activation>()).ToLowerInvariant()}; got '{s.Activation}'.");
        var options = new MlpTrainer.Options
        {
            LabelColumnName = LabelClasses.KeyColumn,
            FeatureColumnName = Featurizer.FeaturesColumn,
            HiddenLayerSizes = s.Hidden,
            Activation = [activation],
            Seed = s.Seed,
            SkipInvalidRows = true,
            ValidationFraction = (float)s.ValidationFraction,
        };
        if (s.Epochs is int epochs) options.MaximumNumberOfEpochs = epochs;
        if (s.BatchSize is int batch) options.BatchSize = batch;
        if (s.LearningRate is float rate) options.LearningRate = rate;
        try
        {
            _ = new MlpTrainer(options);   // checks every option now, before any data is read
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new CliException(e.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine)[0]);
        }
        return options;
    }
}
