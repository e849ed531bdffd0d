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
        if (!(s.ValidationFraction >= 0 && s.ValidationFraction < 1))
            throw new CliException($"--validation-fraction must be at least 0 and below 1; got {s.ValidationFraction}.");
        if (s.TestPath is null && !(s.TestFraction > 0 && s.TestFraction < 1))
            throw new CliException($"--test-fraction must be between 0 and 1 (exclusive); got {s.TestFraction}.");
        var options = TrainerOptions(s);
        OutputFile.RequireWritable(s.ModelPath, "--model");
        OutputFile.RequireWritable(s.ReportPath, "--report");

        var ml = new MLContext(seed: s.Seed);
        var trainScan = CsvScan.Read(s.TrainPath, s.Label);
        var label = trainScan.Require(s.Label, "Label");
        var classes = LabelClasses.FromScan(trainScan, label);
        var numericColumns = trainScan.Columns.Where(c => c.IsNumeric && c.Name != s.Label).Select(c => c.Name).ToHashSet();
        var testScan = s.TestPath is null ? null : CsvScan.Read(s.TestPath, s.Label, numericColumns);
        var testLabel = testScan?.Require(s.Label, "Label");

        var (featurize, steps) = Featurizer.Build(ml, trainScan, s.Label);
        var say = io.Messages;
        say.WriteLine($"Read {trainScan.Path}: {trainScan.Rows} rows, {trainScan.Columns.Count} columns.");
        say.WriteLine($"Label '{s.Label}' ({(label.IsNumeric ? "numbers, compared as numbers: 1 and 1.0 are one class" : "text")}): " +
            $"{classes.Length} classes: {string.Join(", ", classes.Take(20))}{(classes.Length > 20 ? ", …" : "")}.");
        if (label.Missing > 0) say.WriteLine($"{label.Missing} row(s) of {trainScan.Path} have no label (empty, ? or NA) and are skipped.");
        foreach (var step in steps) say.WriteLine(step);
        foreach (var scan in new[] { trainScan, testScan }.OfType<CsvScan>())
            if (NumericCleaning.Describe(scan, numericColumns, "the column mean of the training rows") is { } changed) say.WriteLine(changed);

        IDataView raw = CsvLoader.LoadForTraining(ml, trainScan, s.Label);
        IDataView all = NumericCleaning.ReplaceNonFinite(ml, raw, trainScan, numericColumns);
        IDataView train = all, test;
        if (testScan is null)
        {
            var split = ml.Data.TrainTestSplit(all, s.TestFraction, seed: s.Seed);
            (train, test) = (split.TrainSet, split.TestSet);
            say.WriteLine($"Holding out {s.TestFraction:P0} of the rows for testing (seed {s.Seed}).");
        }
        else test = NumericCleaning.ReplaceNonFinite(ml, TestFileLoader.LoadLike(ml, trainScan, testScan, s.Label), testScan, numericColumns);

        var labelMap = LabelClasses.Mapping(ml, s.Label, classes, label.IsNumeric, train);
        IDataView trainMapped = labelMap.Transform(train), testMapped = labelMap.Transform(test);
        long trainRows = LabelClasses.CountLabelled(trainMapped), testRows = LabelClasses.CountLabelled(testMapped);
        if (trainRows == 0) throw new CliException($"No rows to train on: none of the training rows of {trainScan.Path} has a label.");
        if (testRows == 0) throw new CliException("The test set has no labelled rows of a known class: use a larger --test-fraction or another --test file.");
        var account = testScan is null ? null : RowAccount.Of(testScan, testLabel!, classes, label.IsNumeric, numericColumns, testRows);

        var pipeline = featurize
            .Append(ml.MulticlassClassification.Trainers.Mlp(options))
            .Append(ml.Transforms.Conversion.MapKeyToValue(PredictedValueColumn, "PredictedLabel"));
        string validation = options.ValidationFraction > 0
            ? $" ({options.ValidationFraction:P0} of them held out for validation and early stopping)"
            : "";
        say.WriteLine($"Training {string.Join("-", options.HiddenLayerSizes)} {options.Activation[0]} MLP on {trainRows} rows{validation}, testing on {testRows}.");
        var clock = Stopwatch.StartNew();
        var model = TrainingProgress.Run(ml, say, io.Interactive && !io.Json, options.MaximumNumberOfEpochs, () => pipeline.Fit(trainMapped));
        double seconds = clock.Elapsed.TotalSeconds;

        var report = EvaluationReport.Create(ml, model, testMapped, LabelClasses.KeyColumn, new EvaluationReportOptions
        {
            Title = $"{Path.GetFileName(s.TrainPath)}: MLP predicting '{s.Label}'",
            TrainingOptions = options,
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

    private static readonly (string Option, string Flag)[] OptionFlags =
    [
        (nameof(MlpTrainer.Options.HiddenLayerSizes), "--hidden"), (nameof(MlpTrainer.Options.MaximumNumberOfEpochs), "--epochs"),
        (nameof(MlpTrainer.Options.BatchSize), "--batch-size"), (nameof(MlpTrainer.Options.LearningRate), "--learning-rate"),
        (nameof(MlpTrainer.Options.ValidationFraction), "--validation-fraction"),
    ];

    private static MlpTrainer.Options TrainerOptions(TrainSettings s)
    {
        // By name only: Enum.TryParse would also take "3".
        var names = Enum.GetNames<MLExtensions.Engine.Activation>();
        string? name = names.FirstOrDefault(n => n.Equals(s.Activation, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"--activation must be one of {string.Join(", ", names).ToLowerInvariant()}; got '{s.Activation}'.");
        var options = new MlpTrainer.Options
        {
            LabelColumnName = LabelClasses.KeyColumn,
            FeatureColumnName = Featurizer.FeaturesColumn,
            HiddenLayerSizes = s.Hidden,
            Activation = [Enum.Parse<MLExtensions.Engine.Activation>(name)],
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
            // The trainer names its options; the user typed the command line's.
            string message = e.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine)[0];
            foreach (var (option, flag) in OptionFlags) message = message.Replace(option, flag, StringComparison.Ordinal);
            throw new CliException(message);
        }
        return options;
    }
}
