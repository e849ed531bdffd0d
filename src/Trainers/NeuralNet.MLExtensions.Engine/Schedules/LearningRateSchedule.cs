namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>
/// The learning rate of each epoch, from the epoch's 0-based number counted over the whole training (a warm start
/// continues the count). Schedules that span the run (cosine, one-cycle) end at epoch <c>totalEpochs</c> − 1, the
/// span kept in <see cref="TrainingState.ScheduleEpochs"/>, and hold their last rate after it. A schedule keeps no
/// state of its own: reduce-on-plateau's lives in the <see cref="TrainingState"/>.
/// </summary>
internal abstract class LearningRateSchedule(float baseRate)
{
    /// <summary>The configured learning rate.</summary>
    public float BaseRate { get; } = baseRate;

    /// <summary>The rate for epoch <paramref name="epoch"/> (0-based) of a run in <paramref name="state"/>.</summary>
    public abstract float Rate(int epoch, TrainingState state);

    /// <summary>
    /// The state after an epoch whose monitored loss (validation loss, or training loss without validation data) was
    /// <paramref name="monitoredLoss"/>; only reduce-on-plateau changes it.
    /// </summary>
    public virtual TrainingState EndOfEpoch(TrainingState state, double monitoredLoss) => state;

    public static LearningRateSchedule Create(MlpTrainingSettings s, int totalEpochs) => s.LearningRateSchedule switch
    {
        LearningRateScheduleKind.Constant => new ConstantSchedule(s.LearningRate),
        LearningRateScheduleKind.StepDecay => new StepDecaySchedule(s.LearningRate, s.StepDecayEpochs, s.StepDecayFactor),
        LearningRateScheduleKind.ExponentialDecay => new ExponentialDecaySchedule(s.LearningRate, s.ExponentialDecayRate),
        LearningRateScheduleKind.CosineDecay => new CosineDecaySchedule(s.LearningRate, s.MinimumLearningRate, s.WarmupEpochs, totalEpochs),
        LearningRateScheduleKind.OneCycle => new OneCycleSchedule(s.LearningRate, totalEpochs),
        LearningRateScheduleKind.ReduceOnPlateau => new ReduceOnPlateauSchedule(s.LearningRate, s.PlateauFactor, s.PlateauPatience, s.MinimumLearningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(s), s.LearningRateSchedule, "Unknown learning-rate schedule."),
    };

    /// <summary>Half a cosine from <paramref name="high"/> (progress 0) to <paramref name="low"/> (progress 1).</summary>
    protected static float Cosine(float high, float low, double progress) =>
        (float)(low + (high - low) * 0.5 * (1 + Math.Cos(Math.PI * Math.Clamp(progress, 0, 1))));
}
