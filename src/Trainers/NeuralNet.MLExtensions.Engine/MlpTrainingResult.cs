namespace NeuralNet.MLExtensions.Engine;

/// <summary>A trained network with its feature standardisation and what the training run did.</summary>
public sealed class MlpTrainingResult
{
    internal MlpTrainingResult(MlpNetwork network, FeatureStandardizer? standardizer, IReadOnlyList<EpochReport> history, StopReason stopReason,
        TrainingState trainingState)
    {
        Network = network;
        Standardizer = standardizer;
        History = history;
        StopReason = stopReason;
        TrainingState = trainingState;
    }

    /// <summary>The trained network (it expects standardised features when <see cref="Standardizer"/> is set).</summary>
    public MlpNetwork Network { get; }
    /// <summary>Regression: the target's standardisation (the network's output o means Mean + Scale·o); otherwise null.</summary>
    public TargetStandardizer? TargetStandardizer { get; init; }
    /// <summary>The feature scaling (Standard or Robust) fitted on the training rows or kept from a warm start, or null when <see cref="MlpTrainingSettings.FeatureScaling"/> was None.</summary>
    public FeatureStandardizer? Standardizer { get; }
    /// <summary>One report per epoch run.</summary>
    public IReadOnlyList<EpochReport> History { get; }
    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; }
    /// <summary>Number of epochs in <see cref="History"/> (after a warm start, the earlier run's epochs included).</summary>
    public int Epochs => History.Count;
    /// <summary>The epoch whose weights <see cref="Network"/> holds (the best one when early stopping restored it).</summary>
    public int BestEpoch => TrainingState.EpochsCompleted;
    /// <summary>What a warm start needs to continue from <see cref="Network"/>'s weights exactly (<see cref="MlpWarmStart.From"/>).</summary>
    public TrainingState TrainingState { get; }
}
