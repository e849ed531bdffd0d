using Microsoft.ML;
using NeuralNet.Cli.Commands;
using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.Cli.Tasks;

/// <summary>The train command's options as the trainer of each task takes them, checked before any data is read.</summary>
internal static class TaskTrainer
{
    private static readonly (string Option, string Flag)[] OptionFlags =
    [
        (nameof(MlpOptionsBase.HiddenLayerSizes), "--hidden"), (nameof(MlpOptionsBase.MaximumNumberOfEpochs), "--epochs"),
        (nameof(MlpOptionsBase.BatchSize), "--batch-size"), (nameof(MlpOptionsBase.LearningRate), "--learning-rate"),
        (nameof(MlpOptionsBase.ValidationFraction), "--validation-fraction"),
    ];

    private static readonly string[] Presets = Enum.GetNames<MlpPreset>();

    /// <summary>The options for <typeparamref name="T"/>'s task, every value checked by constructing its trainer.</summary>
    public static T Options<T>(TrainSettings s, string labelColumn, string featureColumn) where T : MlpOptionsBase, new()
    {
        // By name only: Enum.TryParse would also take "3".
        var names = Enum.GetNames<Activation>();
        string? name = names.FirstOrDefault(n => n.Equals(s.Activation, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"--activation must be one of {string.Join(", ", names).ToLowerInvariant()}; got '{s.Activation}'.");
        string? preset = Presets.FirstOrDefault(n => n.Equals(s.Preset, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"--preset must be one of {string.Join(", ", Presets).ToLowerInvariant()}; got '{s.Preset}'.");
        var options = new T
        {
            Preset = Enum.Parse<MlpPreset>(preset),
            LabelColumnName = labelColumn,
            FeatureColumnName = featureColumn,
            Activation = [Enum.Parse<Activation>(name)],
            Seed = s.Seed,
            SkipInvalidRows = true,
        };
        if (s.Hidden is { } hidden) options.HiddenLayerSizes = hidden;
        if (s.ValidationFraction is double fraction) options.ValidationFraction = (float)fraction;
        if (s.Epochs is int epochs) options.MaximumNumberOfEpochs = epochs;
        if (s.BatchSize is int batch) options.BatchSize = batch;
        if (s.LearningRate is float rate) options.LearningRate = rate;
        try
        {
            _ = options switch   // checks every option now
            {
                MlpTrainer.Options o => (object)new MlpTrainer(o),
                MlpBinaryTrainer.Options o => new MlpBinaryTrainer(o),
                MlpRegressionTrainer.Options o => new MlpRegressionTrainer(o),
                _ => throw new ArgumentException($"No trainer for {typeof(T).Name}."),
            };
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

    /// <summary>
    /// The whole pipeline the saved model holds: <paramref name="featurize"/>, the trainer of <paramref name="task"/>
    /// and the steps after it (multiclass and binary: the predicted class as text in PredictedValue), in one flat chain.
    /// </summary>
    public static (IEstimator<ITransformer> Pipeline, MlpOptionsBase Options) Pipeline(MLContext ml, MlpTask task, TrainSettings s,
        IEstimator<ITransformer> featurize, string labelColumn, string featureColumn, IReadOnlyList<string> classes)
    {
        switch (task)
        {
            case MlpTask.Binary:
                var binary = Options<MlpBinaryTrainer.Options>(s, labelColumn, featureColumn);
                return (BinaryClasses.AppendPredictedClass(ml, featurize.Append(ml.BinaryClassification.Trainers.Mlp(binary)), classes), binary);
            case MlpTask.Regression:
                var regression = Options<MlpRegressionTrainer.Options>(s, labelColumn, featureColumn);
                return (featurize.Append(ml.Regression.Trainers.Mlp(regression)), regression);
            default:
                var multiclass = Options<MlpTrainer.Options>(s, labelColumn, featureColumn);
                return (featurize.Append(ml.MulticlassClassification.Trainers.Mlp(multiclass))
                    .Append(ml.Transforms.Conversion.MapKeyToValue(TrainCommand.PredictedValueColumn, "PredictedLabel")), multiclass);
        }
    }
}
