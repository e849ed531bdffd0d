using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>The engine's entry point: trains a network on plain arrays.</summary>
public static class MlpEngine
{
    /// <summary>
    /// Trains a network. features: [rows×featureCount] row-major (not changed), labels: [rows] in 0..classCount−1,
    /// exampleWeights: [rows] non-negative, or null for equal weights.
    /// </summary>
    public static MlpTrainingResult Train(ReadOnlySpan<float> features, int featureCount, ReadOnlySpan<int> labels,
        ReadOnlySpan<float> exampleWeights, int classCount, MlpTrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "featureCount must be at least 1.");
        if (features.Length != (long)labels.Length * featureCount)
            throw new ArgumentException($"Expected [{labels.Length}×{featureCount}] = {(long)labels.Length * featureCount} feature values for {labels.Length} labels; got {features.Length}.", nameof(features));
        return TrainInPlace(features.ToArray(), labels.Length, featureCount, labels.ToArray(),
            exampleWeights.IsEmpty ? null : exampleWeights.ToArray(), classCount, settings);
    }

    /// <summary>As <see cref="Train"/>, but standardises <paramref name="features"/> in place (no copy).</summary>
    internal static MlpTrainingResult TrainInPlace(float[] features, int rows, int featureCount, int[] labels,
        float[]? exampleWeights, int classCount, MlpTrainingSettings settings, MlpNetwork? initial = null)
    {
        settings.Validate();
        if (rows < 1) throw new ArgumentException("Training needs at least one row; got none.", nameof(rows));
        if (labels.Length < rows) throw new ArgumentException($"Expected {rows} labels; got {labels.Length}.", nameof(labels));
        for (int i = 0; i < rows; i++)
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"Label of row {i} must be in 0..{classCount - 1}; got {labels[i]}.");
        if (exampleWeights is not null)
        {
            if (exampleWeights.Length < rows) throw new ArgumentException($"Expected {rows} example weights; got {exampleWeights.Length}.", nameof(exampleWeights));
            for (int i = 0; i < rows; i++)
                if (!(exampleWeights[i] >= 0f) || !float.IsFinite(exampleWeights[i]))
                    throw new ArgumentOutOfRangeException(nameof(exampleWeights), exampleWeights[i], $"Example weight of row {i} must be a finite number ≥ 0; got {exampleWeights[i]}.");
        }

        var architecture = new MlpArchitecture(featureCount, settings.HiddenLayerSizes, settings.ActivationsPerLayer(), classCount);
        FeatureStandardizer? standardizer = null;
        if (settings.StandardizeFeatures)
        {
            standardizer = FeatureStandardizer.Fit(features, rows, featureCount);
            standardizer.Apply(features, rows);
        }

        var random = new SeededRandom(settings.Seed);
        MlpNetwork network;
        if (initial is null)
        {
            network = new MlpNetwork(architecture, new float[architecture.ParameterCount], copy: false);
            for (int l = 0; l < network.Layers.Count; l++)
                WeightInitializer.Initialize(network.Layers[l], l == network.Layers.Count - 1, settings.WeightInitialization, random, network.ParameterArray);
        }
        else
        {
            network = initial.Clone();
        }

        using var loop = new MlpTrainingLoop(network, settings, Math.Min(settings.BatchSize, rows));
        return loop.Run(features, rows, labels, exampleWeights, standardizer, random);
    }
}
