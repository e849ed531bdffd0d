using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using NeuralNet.MLExtensions.Data;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Streaming;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions;

/// <summary>
/// <c>Fit</c> on streamed data (<see cref="MlpDataPath.Streaming"/>): a first pass counts and checks the rows and
/// gathers the statistics, the preset's data rules then apply to the counted rows, and every epoch reads the data again.
/// The same errors as the in-memory path (invalid rows, one class, no weight), raised after the first pass.
/// </summary>
internal sealed partial class MlpTrainerCore
{
    private (MlpTrainingResult Result, ClassLabels Classes) TrainStreaming(IDataView trainData, DataViewSchema.Column features, DataViewSchema.Column label,
        DataViewSchema.Column? weight, ValidationSet? validation, MlpWarmStart? warmStart, IChannel? channel, int lastEpoch, DataPathChoice.Choice path)
    {
        var classes = TrainingDataReader.ClassesOf(label, Task);
        bool shuffle = _options.ShuffleStreamedReads && trainData.CanShuffle;
        if (_options.ShuffleStreamedReads && !shuffle)
            channel?.Info(MessageSensitivity.None, "Mlp: ShuffleStreamedReads is on, but the training data cannot give a shuffled cursor (CanShuffle is false); reading it in order. Save it with mlContext.Data.SaveAsBinary, or cache it, to shuffle.");
        var source = new DataViewBlockSource(trainData, features, label, weight, Task, classes.Count, shuffle ? Seed : null);
        // The pass holds out rows by the options before the data rules (0 with validation data); if the rules then drop
        // the held-out rows, their statistics merge into the training rows'.
        var passOptions = validation is not null ? _options.ForValidationData() : _options;
        var passSettings = passOptions.ToSettings(Seed, null, IsCanceled);
        OptionMap.ThrowIfInvalid(passSettings.FindErrorForData(source.FeatureCount, classes.Count));
        if (warmStart is null) EmbeddingSelection.ThrowIfEncodingStreamed(passSettings, $" ({path.Reason})");
        channel?.Info(MessageSensitivity.None, $"Mlp: streaming the training data ({path.Reason}): a first pass for the statistics, then every epoch reads it again.");
        var summary = SummaryPass.Run(source, passSettings, classes.Count, (rows, elapsed) => channel?.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
            $"Mlp: first pass: {rows} rows read in {elapsed.TotalSeconds:F1} s, {rows / Math.Max(elapsed.TotalSeconds, 1e-9):F0} rows/s.")));
        CheckCounted(source, summary, features, label, weight, classes);
        if (source.Invalid.Rows > 0)
            channel?.Info(MessageSensitivity.None, $"Mlp: skipped {source.Invalid.Rows} invalid training row(s) (SkipInvalidRows is on); training on {summary.Rows}.");

        LogStart(channel, source.FeatureCount, classes.Count, summary.Rows, validation, warmStart);
        bool heldOutDropped = false;
        var options = validation is not null ? passOptions : _options.ForTrainingRows(summary.Rows, summary.Held.Rows, out heldOutDropped);
        var settings = SettingsFor(options, channel, lastEpoch, summary.Rows, heldOutDropped);
        OptionMap.ThrowIfInvalid(settings.FindErrorForData(source.FeatureCount, classes.Count));
        return (StreamingTraining.Train(source, summary, classes.Count, settings, validation, warmStart), classes);
    }

    // The in-memory reader's checks, on the first pass's counts.
    private void CheckCounted(DataViewBlockSource source, StreamSummary summary, DataViewSchema.Column features, DataViewSchema.Column label,
        DataViewSchema.Column? weight, ClassLabels classes)
    {
        var invalid = source.Invalid;
        if (invalid.Rows > 0 && !_options.SkipInvalidRows) throw new InvalidOperationException(invalid.Describe(features, label, weight, "training"));
        if (summary.Rows == 0)
            throw new InvalidOperationException(invalid.Rows > 0
                ? $"All {invalid.Rows} training rows were skipped as invalid ({invalid.Summary(features)}); nothing is left to train on."
                : "The training data has no rows; a model cannot be trained on nothing.");
        long[] classRows = summary.ClassRows;
        if (Task != MlpTask.Regression && classRows.Count(n => n > 0) < 2)
            throw new InvalidOperationException(
                $"The training data holds only one class ('{classes.Names[Array.FindIndex(classRows, n => n > 0)]}') in Label column '{label.Name}'; a classifier needs examples of at least two classes.");
        if (weight is not null && summary.Train.ClassWeights.Sum() + summary.Held.ClassWeights.Sum() == 0)
            throw new InvalidOperationException($"All {summary.Rows} training rows have weight 0 in ExampleWeight column '{weight.Value.Name}': no example carries weight, so training would learn nothing. Give some rows a positive weight.");
    }
}
