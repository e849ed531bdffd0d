namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// A trained network to continue training from: its weights, the feature scaling it expects (kept, not refitted,
/// whatever <see cref="MlpTrainingSettings.FeatureScaling"/> says), its <see cref="TrainingState"/> (null starts a fresh optimizer and schedule, numbering epochs on from
/// the history) and its history (continued).
/// </summary>
public sealed record MlpWarmStart(MlpNetwork Network, FeatureStandardizer? Standardizer, TrainingState? State, IReadOnlyList<EpochReport> History)
{
    /// <summary>Continues from a finished run.</summary>
    public static MlpWarmStart From(MlpTrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Network, result.Standardizer, result.TrainingState, result.History) { TargetStandardizer = result.TargetStandardizer };
    }

    /// <summary>Regression: the target's standardisation the network was trained with (kept, not refitted); otherwise null.</summary>
    public TargetStandardizer? TargetStandardizer { get; init; }

    /// <summary>Checks that the network fits the data and settings, naming what differs.</summary>
    internal void Check(MlpArchitecture expected)
    {
        var have = Network.Architecture;
        if (have.InputSize != expected.InputSize)
            throw new ArgumentException($"The model to continue from takes {have.InputSize} features, but the training data has {expected.InputSize}; warm start needs the same features.", "warmStart");
        if (have.Task != expected.Task)
            throw new ArgumentException($"The model to continue from is a {have.Task} network, but this training is {expected.Task}; warm start needs the same task.", "warmStart");
        if (expected.Task == MlpTask.Regression && TargetStandardizer is null)
            throw new ArgumentException("The regression model to continue from has no target standardisation; warm start needs the model's target mean and scale.", "warmStart");
        if (have.ClassCount != expected.ClassCount)
            throw new ArgumentException($"The model to continue from predicts {have.ClassCount} classes, but the training data's label has {expected.ClassCount}; warm start needs the same classes.", "warmStart");
        if (!have.HiddenLayerSizes.SequenceEqual(expected.HiddenLayerSizes) || !have.HiddenActivations.SequenceEqual(expected.HiddenActivations))
            throw new ArgumentException($"The model to continue from is {have}, but HiddenLayerSizes and Activation describe {expected}; warm start needs the same architecture.", "warmStart");
        if (have.EnsembleSize != expected.EnsembleSize)
            throw new ArgumentException($"The model to continue from is an ensemble of {have.EnsembleSize} member(s), but EnsembleSize is {expected.EnsembleSize}; warm start needs the same EnsembleSize.", "warmStart");
        if (have.Embedding is null ? expected.Embedding is not null : !have.Embedding.SameAs(expected.Embedding))
            throw new ArgumentException($"The model to continue from has input stage [{have.Embedding?.ToString() ?? "none"}], but the settings describe [{expected.Embedding?.ToString() ?? "none"}]; warm start needs the same embeddings and feature scale.", "warmStart");
        if (Standardizer is { } s && s.FeatureCount != expected.InputSize)
            throw new ArgumentException($"The model's standardisation has {s.FeatureCount} features, but the training data has {expected.InputSize}.", "warmStart");
    }
}
