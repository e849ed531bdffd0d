namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>
/// The learning rate of each epoch, from the epoch's 0-based number counted over the whole training (a warm start
/// continues the count). Schedules that span the run (cosine, one-cycle) end at <c>totalEpochs</c>.
/// </summary>
internal abstract class LearningRateSchedule(float baseRate)
{
    /// <summary>The configured learning rate.</summary>
    public float BaseRate { get; } = baseRate;

    /// <summary>The rate for epoch <paramref name="epoch"/> (0-based).</summary>
    public abstract float Rate(int epoch);

    /// <summary>Told the monitored loss after each epoch (validation loss, or training loss without validation data).</summary>
    public virtual void EndOfEpoch(double monitoredLoss)
    {
    }

    /// <summary>State a warm start must carry: (current rate, best loss, stale epochs); only reduce-on-plateau has any.</summary>
    public virtual (float Rate, double Best, int Stale) State
    {
        get => (BaseRate, double.PositiveInfinity, 0);
        set { }
    }

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
