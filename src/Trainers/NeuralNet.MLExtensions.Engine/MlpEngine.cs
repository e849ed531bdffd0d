using NeuralNet.MLExtensions.Engine.Data;
using NeuralNet.MLExtensions.Engine.Training;
using ClassWeights = NeuralNet.MLExtensions.Engine.Training.ClassWeights;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>The engine's entry point: trains a network on plain arrays.</summary>
public static partial class MlpEngine
{
    /// <summary>
    /// Trains a network. features: [rows×featureCount] row-major (not changed), labels: [rows] in 0..classCount−1,
    /// exampleWeights: [rows] non-negative, or null for equal weights.
    /// </summary>
    public static MlpTrainingResult Train(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<int> labels,
        ReadOnlySpan<float> exampleWeights, int classCount, MlpTrainingSettings settings) =>
        Train(features, featureCount, labels, exampleWeights, classCount, settings, validation: null, warmStart: null);

    /// <summary>
    /// As above, measuring <paramref name="validation"/> after every epoch (for early stopping, reduce-on-plateau and
    /// the history), and continuing from <paramref name="warmStart"/> (its weights, standardisation,
    /// <see cref="TrainingState"/> and history) when given.
    /// </summary>
    public static MlpTrainingResult Train(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<int> labels,
        ReadOnlySpan<float> exampleWeights, int classCount, MlpTrainingSettings settings, ValidationSet? validation, MlpWarmStart? warmStart)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Task == MlpTask.Regression)
            throw new ArgumentException("Task is Regression: train with MlpEngine.TrainRegression, which takes float targets.", nameof(settings));
        ArgumentNullException.ThrowIfNull(settings);
        if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "featureCount must be at least 1.");
        if (features.Length != (long)labels.Length * featureCount)
            throw new ArgumentException($"Expected [{labels.Length}×{featureCount}] = {(long)labels.Length * featureCount} feature values for {labels.Length} labels; got {features.Length}.", nameof(features));
        return TrainInPlace(features.ToArray(), labels.Length, featureCount, labels.ToArray(),
            exampleWeights.IsEmpty ? null : exampleWeights.ToArray(), classCount, settings, validation: validation, warmStart: warmStart);
    }

    /// <summary>
    /// Trains a regression network (<paramref name="settings"/>' Task must be Regression). features: [rows×featureCount],
    /// targets: [rows] finite, exampleWeights: [rows] or empty; <paramref name="validation"/> from
    /// <see cref="ValidationSet.ForRegression"/>. The targets are standardised inside (the result's
    /// <see cref="MlpTrainingResult.TargetStandardizer"/>); <see cref="MlpInference.Outputs(ReadOnlySpan{float}, int, Span{float})"/> predicts in their units.
    /// </summary>
    public static MlpTrainingResult TrainRegression(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<float> targets,
        ReadOnlySpan<float> exampleWeights, MlpTrainingSettings settings, ValidationSet? validation = null, MlpWarmStart? warmStart = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Task != MlpTask.Regression)
            throw new ArgumentException($"TrainRegression needs Task Regression; got {settings.Task}.", nameof(settings));
        if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "featureCount must be at least 1.");
        if (features.Length != (long)targets.Length * featureCount)
            throw new ArgumentException($"Expected [{targets.Length}×{featureCount}] = {(long)targets.Length * featureCount} feature values for {targets.Length} targets; got {features.Length}.", nameof(features));
        return TrainInPlace(features.ToArray(), targets.Length, featureCount, new int[targets.Length],
            exampleWeights.IsEmpty ? null : exampleWeights.ToArray(), 0, settings, validation: validation, warmStart: warmStart, targets: targets.ToArray());
    }

    /// <summary>
    /// As <see cref="Train(ReadOnlySpan{float}, int, ReadOnlySpan{int}, ReadOnlySpan{float}, int, MlpTrainingSettings, ValidationSet?, MlpWarmStart?)"/>,
    /// but standardises <paramref name="features"/> in place (no copy, unless part is held out for validation).
    /// <paramref name="initial"/> starts from given weights with a fresh optimizer; <paramref name="warmStart"/> continues a run.
    /// Regression passes its <paramref name="targets"/> (standardised on a copy), labels all 0 and classCount 0.
    /// </summary>
    internal static MlpTrainingResult TrainInPlace(float[] features, int rows, int featureCount, int[] labels,
        float[]? exampleWeights, int classCount, MlpTrainingSettings settings, MlpNetwork? initial = null,
        ValidationSet? validation = null, MlpWarmStart? warmStart = null, float[]? targets = null,
        ConcurrentRefit? leads = null, ConcurrentRefit? follows = null)
    {
        settings.Validate();
        settings.ValidateForData(featureCount, classCount);
        // A fresh run's input stage is chosen below, from the training rows once split off and scaled.
        var embedding = warmStart is not null ? EmbeddingSelection.FromWarmStart(settings, warmStart.Network.Architecture.Embedding)
            : initial?.Architecture.Embedding;
        var architecture = Architecture(embedding);
        // Regression rows are one "class" (label 0) for the checks and the validation split.
        int groups = architecture.Task == MlpTask.Regression ? 1 : classCount;
        CheckData(rows, labels, exampleWeights, groups);
        if (architecture.Task == MlpTask.Regression) RegressionData.Check(targets, rows, validation);
        if (validation is not null) CheckValidation(validation, featureCount, groups);
        warmStart?.Check(architecture);

        if (settings.ValidationFraction > 0f)
        {
            if (validation is not null)
                throw new ArgumentOutOfRangeException(nameof(settings.ValidationFraction), settings.ValidationFraction,
                    $"ValidationFraction must be 0 when validation data is given; got {settings.ValidationFraction}.");
            if (warmStart is null && initial is null && settings.RefitsOn(rows))
                return TrainAndRefit(features, rows, featureCount, labels, exampleWeights, classCount, settings, targets);
            (features, labels, targets, exampleWeights, validation) = StratifiedSplit.Split(features, rows, featureCount, labels, targets, exampleWeights, groups, settings.ValidationFraction, settings.Seed);
            rows = labels.Length;
        }
        exampleWeights = ClassWeights.Apply(settings.ClassWeighting, settings.ClassWeights, labels, rows, groups, exampleWeights);
        if (exampleWeights is not null && ExampleWeightSum.Of(exampleWeights, rows) == 0)
            throw new ArgumentException($"No training example carries weight: the example weights{(settings.ClassWeighting == ClassWeighting.None ? "" : " times the class weights")} " +
                $"of all {rows} training rows are 0, so training would learn nothing. Give some rows a positive weight.", nameof(exampleWeights));

        var standardizer = warmStart is not null ? warmStart.Standardizer
            : FeatureStandardizer.Fit(settings.FeatureScaling, features, rows, featureCount);
        standardizer?.Apply(features, rows);
        if (warmStart is null && initial is null)
            architecture = Architecture(EmbeddingSelection.Choose(settings, features.AsSpan(0, rows * featureCount), rows, featureCount));
        TargetStandardizer? target = null;
        if (targets is not null)
        {
            target = warmStart is not null ? warmStart.TargetStandardizer! : TargetStandardizer.Fit(targets.AsSpan(0, rows), exampleWeights);
            targets = targets[..rows];
            target.Apply(targets);
        }
        var network = warmStart?.Network.Clone() ?? initial?.Clone() ?? Initialized(architecture, settings);

        using var trainer = new Trainer(network, settings, Math.Min(settings.BatchSize, rows)) { Leads = leads, Follows = follows };
        var evaluator = validation is null ? null : new ValidationEvaluator(validation, architecture, settings, standardizer, target);
        return trainer.Run(features, rows, labels, targets, exampleWeights, standardizer, target, evaluator, warmStart);

        MlpArchitecture Architecture(InputEmbedding? stage) =>
            new(featureCount, settings.HiddenLayerSizes, settings.ActivationsPerLayer(), settings.Task, classCount) { Embedding = stage, EnsembleSize = settings.EnsembleSize };
    }

    internal static MlpNetwork Initialized(MlpArchitecture architecture, MlpTrainingSettings settings)
    {
        var random = new SeededRandom(settings.Seed);
        var network = new MlpNetwork(architecture, new float[architecture.ParameterCount], copy: false);
        for (int l = 0; l < network.Layers.Count; l++)
            WeightInitializer.Initialize(network.Layers[l], l == architecture.LayerCount - 1, settings.WeightInitialization, random, network.ParameterArray);
        if (network.Heads is { } heads) WeightInitializer.Initialize(heads, network.Adapter!, settings.WeightInitialization, random, network.ParameterArray);
        network.Embedding?.Initialize(random, MlpDefaults.EmbeddingFrequencyScale, network.ParameterArray);
        network.Scale?.Initialize(network.ParameterArray);
        return network;
    }

    private static void CheckData(int rows, int[] labels, float[]? exampleWeights, int classCount)
    {
        if (rows < 1) throw new ArgumentException("Training needs at least one row; got none.", nameof(rows));
        if (labels.Length < rows) throw new ArgumentException($"Expected {rows} labels; got {labels.Length}.", nameof(labels));
        for (int i = 0; i < rows; i++)
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label of row {i} must be in 0..{classCount - 1}; got {labels[i]}.");
        if (exampleWeights is null) return;
        if (exampleWeights.Length < rows) throw new ArgumentException($"Expected {rows} example weights; got {exampleWeights.Length}.", nameof(exampleWeights));
        for (int i = 0; i < rows; i++)
            if (!(exampleWeights[i] >= 0f) || !float.IsFinite(exampleWeights[i]))
                throw new ArgumentOutOfRangeException(nameof(exampleWeights), exampleWeights[i], $"Example weight of row {i} must be a finite number ≥ 0; got {exampleWeights[i]}.");
    }

    internal static void CheckValidation(ValidationSet validation, int featureCount, int classCount)
    {
        int rows = validation.Rows;
        if (rows < 1) throw new ArgumentException("The validation data has no rows.", nameof(validation));
        if (validation.Features.LongLength != (long)rows * featureCount)
            throw new ArgumentException($"Expected [{rows}×{featureCount}] validation feature values (the training data has {featureCount} features); got {validation.Features.Length}.", nameof(validation));
        for (int i = 0; i < rows; i++)
            if ((uint)validation.Labels[i] >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(validation), validation.Labels[i], $"Validation label of row {i} must be in 0..{classCount - 1}; got {validation.Labels[i]}.");
        if (validation.Weights is { } w && (w.Length != rows || w.Any(x => !(x >= 0f) || !float.IsFinite(x))))
            throw new ArgumentException($"Validation weights must be {rows} finite values ≥ 0.", nameof(validation));
    }
}
