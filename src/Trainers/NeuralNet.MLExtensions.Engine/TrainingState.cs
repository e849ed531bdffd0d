using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Everything beyond the weights that a run needs to continue exactly where it stopped, in one place: the epochs done
/// (they number the epochs and pick each epoch's shuffle and dropout seed), the optimizer's step count and buffers,
/// the learning-rate schedule's span and reduce-on-plateau's state, and the watches of the training-loss convergence
/// stop, of early stopping and of divergence. Plain data, saved with the model; one capture and one restore.
/// </summary>
public sealed record TrainingState
{
    /// <summary>Epochs trained so far; the next epoch is numbered one more.</summary>
    public required int EpochsCompleted { get; init; }
    /// <summary>Epochs that the schedule spans (cosine decay and one-cycle anneal over them); 0 when unknown (format 2).</summary>
    public required int ScheduleEpochs { get; init; }
    /// <summary>The optimizer the buffers belong to.</summary>
    public required OptimizerKind Optimizer { get; init; }
    /// <summary>Updates made so far (Adam's bias correction reads it).</summary>
    public required long OptimizerStepCount { get; init; }
    /// <summary>The optimizer's buffers, one value per parameter each: Adam and AdamW [m, v], SGD [velocity]; empty for a fresh optimizer.</summary>
    public required IReadOnlyList<float[]> OptimizerState { get; init; }
    /// <summary>Reduce-on-plateau's current learning rate (the configured rate for the other schedules).</summary>
    public required float PlateauLearningRate { get; init; }
    /// <summary>Reduce-on-plateau's watch of the monitored loss.</summary>
    public required BestSoFar Plateau { get; init; }
    /// <summary>The training-loss convergence stop's watch of the training loss.</summary>
    public required BestSoFar Convergence { get; init; }
    /// <summary>Early stopping's watch of the validation metric (loss or accuracy).</summary>
    public required BestSoFar EarlyStopping { get; init; }
    /// <summary>Mean loss of the run's first mini-batch, before any update: the scale divergence is judged against (NaN until known).</summary>
    public required double InitialLoss { get; init; }

    /// <summary>
    /// The state a run starts from: the warm start's (its span filled in when unknown), or a fresh one whose epoch
    /// count continues the warm start's history (a model saved without state).
    /// </summary>
    internal static TrainingState Begin(MlpTrainingSettings settings, MlpWarmStart? warmStart)
    {
        if (warmStart?.State is { } saved)
        {
            if (saved.Optimizer != settings.Optimizer)
                throw new ArgumentException($"The training state holds optimizer {saved.Optimizer}, but Optimizer is {settings.Optimizer}; warm start with the same optimizer.", nameof(warmStart));
            return saved.ScheduleEpochs > 0 ? saved : saved with { ScheduleEpochs = DefaultSpan(settings, saved.EpochsCompleted) };
        }
        int epochs = warmStart?.History.Count > 0 ? warmStart.History[^1].Epoch : 0;
        return new TrainingState
        {
            EpochsCompleted = epochs,
            ScheduleEpochs = DefaultSpan(settings, epochs),
            Optimizer = settings.Optimizer,
            OptimizerStepCount = 0,
            OptimizerState = [],
            PlateauLearningRate = settings.LearningRate,
            Plateau = new BestSoFar(double.PositiveInfinity, 0, 0),
            Convergence = new BestSoFar(double.PositiveInfinity, 0, 0),
            EarlyStopping = new BestSoFar(double.NaN, 0, 0),
            InitialLoss = double.NaN,
        };
    }

    /// <summary>The last epoch of a run starting after <paramref name="epochsCompleted"/>, saturating at int.MaxValue.</summary>
    internal static int LastEpoch(int epochsCompleted, int epochs) => (int)Math.Min(int.MaxValue, (long)epochsCompleted + epochs);

    private static int DefaultSpan(MlpTrainingSettings settings, int epochsCompleted) =>
        settings.LearningRateScheduleEpochs > 0 ? settings.LearningRateScheduleEpochs : LastEpoch(epochsCompleted, settings.MaximumNumberOfEpochs);

    /// <summary>Capture: this state with a copy of <paramref name="optimizer"/>'s step count and buffers.</summary>
    internal TrainingState WithOptimizer(Optimizer optimizer) => this with
    {
        OptimizerStepCount = optimizer.StepCount,
        OptimizerState = optimizer.State.Select(b => (float[])b.Clone()).ToArray(),
    };

    /// <summary>Restore: puts the saved step count and buffers into <paramref name="optimizer"/> (a fresh one keeps its zeros).</summary>
    internal void RestoreInto(Optimizer optimizer)
    {
        if (OptimizerState.Count > 0) optimizer.Restore(OptimizerStepCount, OptimizerState);
    }
}
