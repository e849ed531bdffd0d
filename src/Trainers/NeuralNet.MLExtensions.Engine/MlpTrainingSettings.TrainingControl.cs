namespace NeuralNet.MLExtensions.Engine;

/// <summary>The training-control settings: validation, early stopping, schedules, regularisation, class weights.</summary>
public sealed partial class MlpTrainingSettings
{
    /// <summary>Fraction of the training rows held out (stratified by class) as validation data, in [0, 1); 0 for none.</summary>
    public float ValidationFraction { get; init; } = MlpDefaults.ValidationFraction;
    /// <summary>What early stopping watches; it acts only when there is validation data.</summary>
    public EarlyStoppingMetric EarlyStoppingMetric { get; init; } = MlpDefaults.EarlyStoppingMetric;
    /// <summary>Epochs without improvement of the validation metric before stopping, at least 1.</summary>
    public int EarlyStoppingPatience { get; init; } = MlpDefaults.EarlyStoppingPatience;
    /// <summary>Smallest change of the validation metric that counts as improvement, 0 or more.</summary>
    public float EarlyStoppingMinimumImprovement { get; init; } = MlpDefaults.EarlyStoppingMinimumImprovement;
    /// <summary>With validation data, end with the weights (and optimizer state) of the best epoch by <see cref="EarlyStoppingMetric"/>.</summary>
    public bool RestoreBestWeights { get; init; } = MlpDefaults.RestoreBestWeights;
    /// <summary>The learning-rate schedule.</summary>
    public LearningRateScheduleKind LearningRateSchedule { get; init; } = MlpDefaults.LearningRateSchedule;
    /// <summary>Step decay: epochs between reductions, at least 1.</summary>
    public int StepDecayEpochs { get; init; } = MlpDefaults.StepDecayEpochs;
    /// <summary>Step decay: factor in (0, 1].</summary>
    public float StepDecayFactor { get; init; } = MlpDefaults.StepDecayFactor;
    /// <summary>Exponential decay: factor per epoch in (0, 1].</summary>
    public float ExponentialDecayRate { get; init; } = MlpDefaults.ExponentialDecayRate;
    /// <summary>Cosine decay: linear warm-up epochs, 0 or more.</summary>
    public int WarmupEpochs { get; init; } = MlpDefaults.WarmupEpochs;
    /// <summary>
    /// Epochs that cosine decay and one-cycle span, 0 or more; 0 for the run's <see cref="MaximumNumberOfEpochs"/> (after
    /// the epochs a warm start without saved state already has). A warm start continues the saved span and ignores this.
    /// </summary>
    public int LearningRateScheduleEpochs { get; init; } = MlpDefaults.LearningRateScheduleEpochs;
    /// <summary>Floor of cosine decay and reduce-on-plateau, 0 or more and below <see cref="LearningRate"/>.</summary>
    public float MinimumLearningRate { get; init; } = MlpDefaults.MinimumLearningRate;
    /// <summary>Reduce-on-plateau: factor in (0, 1).</summary>
    public float PlateauFactor { get; init; } = MlpDefaults.PlateauFactor;
    /// <summary>Reduce-on-plateau: epochs without improvement before reducing, at least 1.</summary>
    public int PlateauPatience { get; init; } = MlpDefaults.PlateauPatience;
    /// <summary>Largest global gradient norm; larger gradients are scaled down to it. 0 turns clipping off.</summary>
    public float GradientClippingNorm { get; init; } = MlpDefaults.GradientClippingNorm;
    /// <summary>L1 penalty λ·Σ|W| on weights (not biases), 0 or more.</summary>
    public float L1Regularization { get; init; } = MlpDefaults.L1Regularization;
    /// <summary>Dropout rate in [0, 1): one for every hidden layer, or one per hidden layer; empty for none.</summary>
    public IReadOnlyList<float> DropoutRates { get; init; } = [];
    /// <summary>Label smoothing ε in [0, 1): targets (1−ε)·one-hot + ε/K.</summary>
    public float LabelSmoothing { get; init; } = MlpDefaults.LabelSmoothing;
    /// <summary>How classes are weighted in the loss.</summary>
    public ClassWeighting ClassWeighting { get; init; } = MlpDefaults.ClassWeighting;
    /// <summary>With <see cref="ClassWeighting.Explicit"/>: one finite weight ≥ 0 per class, not all 0.</summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary>The dropout rate of each hidden layer, after expanding a single rate to all layers (0 for none).</summary>
    public IReadOnlyList<float> DropoutPerLayer() =>
        DropoutRates.Count == 0 ? new float[HiddenLayerSizes.Count]
        : DropoutRates.Count == 1 ? Enumerable.Repeat(DropoutRates[0], HiddenLayerSizes.Count).ToArray() : DropoutRates;

    private void ValidateTrainingControl()
    {
        if (!(ValidationFraction >= 0f && ValidationFraction < 1f))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, $"ValidationFraction must be in [0, 1); got {ValidationFraction}.");
        Defined(nameof(EarlyStoppingMetric), EarlyStoppingMetric);
        AtLeastOne(nameof(EarlyStoppingPatience), EarlyStoppingPatience);
        NonNegative(nameof(EarlyStoppingMinimumImprovement), EarlyStoppingMinimumImprovement);
        Defined(nameof(LearningRateSchedule), LearningRateSchedule);
        AtLeastOne(nameof(StepDecayEpochs), StepDecayEpochs);
        Factor(nameof(StepDecayFactor), StepDecayFactor);
        Factor(nameof(ExponentialDecayRate), ExponentialDecayRate);
        if (LearningRateScheduleEpochs < 0)
            throw new ArgumentOutOfRangeException(nameof(LearningRateScheduleEpochs), LearningRateScheduleEpochs, $"LearningRateScheduleEpochs must be 0 (the run's MaximumNumberOfEpochs) or more; got {LearningRateScheduleEpochs}.");
        if (WarmupEpochs < 0) throw new ArgumentOutOfRangeException(nameof(WarmupEpochs), WarmupEpochs, $"WarmupEpochs must be 0 or more; got {WarmupEpochs}.");
        NonNegative(nameof(MinimumLearningRate), MinimumLearningRate);
        if (MinimumLearningRate >= LearningRate)
            throw new ArgumentOutOfRangeException(nameof(MinimumLearningRate), MinimumLearningRate, $"MinimumLearningRate must be below LearningRate ({LearningRate}); got {MinimumLearningRate}.");
        if (!(PlateauFactor > 0f && PlateauFactor < 1f))
            throw new ArgumentOutOfRangeException(nameof(PlateauFactor), PlateauFactor, $"PlateauFactor must be in (0, 1); got {PlateauFactor}.");
        AtLeastOne(nameof(PlateauPatience), PlateauPatience);
        NonNegative(nameof(GradientClippingNorm), GradientClippingNorm);
        NonNegative(nameof(L1Regularization), L1Regularization);
        if (DropoutRates is null) throw new ArgumentNullException(nameof(DropoutRates), "DropoutRates must not be null; use an empty list for no dropout.");
        if (DropoutRates.Count > 1 && DropoutRates.Count != HiddenLayerSizes.Count)
            throw new ArgumentOutOfRangeException(nameof(DropoutRates), DropoutRates.Count,
                $"DropoutRates must list one rate for all hidden layers or one per hidden layer ({HiddenLayerSizes.Count}); got {DropoutRates.Count}.");
        for (int i = 0; i < DropoutRates.Count; i++)
            if (!(DropoutRates[i] >= 0f && DropoutRates[i] < 1f))
                throw new ArgumentOutOfRangeException(nameof(DropoutRates), DropoutRates[i], $"DropoutRates[{i}] must be in [0, 1); got {DropoutRates[i]}.");
        UnitInterval(nameof(LabelSmoothing), LabelSmoothing);
        Defined(nameof(ClassWeighting), ClassWeighting);
        if (ClassWeighting == ClassWeighting.Explicit)
        {
            if (ClassWeights is null || ClassWeights.Count == 0)
                throw new ArgumentOutOfRangeException(nameof(ClassWeights), ClassWeights?.Count ?? 0, "ClassWeights must list one weight per class when ClassWeighting is Explicit; got none.");
            for (int i = 0; i < ClassWeights.Count; i++)
                if (!(ClassWeights[i] >= 0f) || !float.IsFinite(ClassWeights[i]))
                    throw new ArgumentOutOfRangeException(nameof(ClassWeights), ClassWeights[i], $"ClassWeights[{i}] must be a finite number ≥ 0; got {ClassWeights[i]}.");
            if (ClassWeights.All(w => w == 0f))
                throw new ArgumentOutOfRangeException(nameof(ClassWeights), 0f, "ClassWeights must not all be 0; got 0 for every class.");
        }
        else if (ClassWeights is not null)
            throw new ArgumentOutOfRangeException(nameof(ClassWeights), ClassWeights.Count,
                $"ClassWeights is only used when ClassWeighting is Explicit; got {ClassWeights.Count} weights with ClassWeighting {ClassWeighting}.");
    }

    /// <summary>Checks what needs the number of classes: one explicit class weight per class.</summary>
    public void ValidateForClasses(int classCount)
    {
        if (ClassWeighting == ClassWeighting.Explicit && ClassWeights!.Count != classCount)
            throw new ArgumentOutOfRangeException(nameof(ClassWeights), ClassWeights.Count, $"ClassWeights must list one weight per class ({classCount}); got {ClassWeights.Count}.");
    }

    private static void Defined<T>(string name, T value) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<T>())}; got {Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)}.");
    }

    private static void AtLeastOne(string name, int value)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least 1; got {value}.");
    }

    private static void Factor(string name, float value)
    {
        if (!(value > 0f && value <= 1f)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in (0, 1]; got {value}.");
    }
}
