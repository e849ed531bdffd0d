namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>Checks that a warm start fits the data and settings, naming what differs.</summary>
internal static class WarmStartChecks
{
    public static void Check(MlpWarmStart warmStart, MlpArchitecture expected)
    {
        var have = warmStart.Network.Architecture;
        if (have.InputSize != expected.InputSize)
            throw new ArgumentException($"The model to continue from takes {have.InputSize} features, but the training data has {expected.InputSize}; warm start needs the same features.", nameof(warmStart));
        if (have.ClassCount != expected.ClassCount)
            throw new ArgumentException($"The model to continue from predicts {have.ClassCount} classes, but the training data's label has {expected.ClassCount}; warm start needs the same classes.", nameof(warmStart));
        if (!have.HiddenLayerSizes.SequenceEqual(expected.HiddenLayerSizes) || !have.HiddenActivations.SequenceEqual(expected.HiddenActivations))
            throw new ArgumentException($"The model to continue from is {have}, but HiddenLayerSizes and Activation describe {expected}; warm start needs the same architecture.", nameof(warmStart));
        if (warmStart.Standardizer is { } s && s.FeatureCount != expected.InputSize)
            throw new ArgumentException($"The model's standardisation has {s.FeatureCount} features, but the training data has {expected.InputSize}.", nameof(warmStart));
    }
}
