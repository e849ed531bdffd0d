namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// A trained network to continue training from: its weights, the feature standardisation it expects (kept, not
/// refitted), its checkpoint (null starts a fresh optimizer and schedule) and its history (continued).
/// </summary>
public sealed record MlpWarmStart(MlpNetwork Network, FeatureStandardizer? Standardizer, TrainingCheckpoint? Checkpoint, IReadOnlyList<EpochReport> History)
{
    /// <summary>Continues from a finished run.</summary>
    public static MlpWarmStart From(MlpTrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Network, result.Standardizer, result.Checkpoint, result.History);
    }
}
