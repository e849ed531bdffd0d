namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Everything the engine needs to train a network; defaults come from <see cref="MlpDefaults"/>. Option names match
/// the ML.NET trainer's options, so <see cref="Validate"/>'s messages name what the user set.
/// </summary>
public sealed class MlpTrainingSettings
{
    /// <summary>Width of each hidden layer; empty for multinomial logistic regression.</summary>
    public IReadOnlyList<int> HiddenLayerSizes { get; init; } = MlpDefaults.HiddenLayerSizes;
    /// <summary>One activation for every hidden layer, or one per hidden layer.</summary>
    public IReadOnlyList<Activation> Activation { get; init; } = [MlpDefaults.Activation];
    /// <summary>The optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = MlpDefaults.Optimizer;
    /// <summary>Step size, positive.</summary>
    public float LearningRate { get; init; } = MlpDefaults.LearningRate;
    /// <summary>Rows per mini-batch, at least 1.</summary>
    public int BatchSize { get; init; } = MlpDefaults.BatchSize;
    /// <summary>Maximum passes over the data, at least 1.</summary>
    public int MaximumNumberOfEpochs { get; init; } = MlpDefaults.MaximumNumberOfEpochs;
    /// <summary>L2 penalty on weights (not biases), 0 or more.</summary>
    public float L2Regularization { get; init; } = MlpDefaults.L2Regularization;
    /// <summary>Decoupled weight decay, used by AdamW only, 0 or more.</summary>
    public float WeightDecay { get; init; } = MlpDefaults.WeightDecay;
    /// <summary>SGD momentum in [0, 1).</summary>
    public float Momentum { get; init; } = MlpDefaults.Momentum;
    /// <summary>Nesterov momentum for SGD.</summary>
    public bool Nesterov { get; init; } = MlpDefaults.Nesterov;
    /// <summary>Adam's β1 in [0, 1).</summary>
    public float Beta1 { get; init; } = MlpDefaults.Beta1;
    /// <summary>Adam's β2 in [0, 1).</summary>
    public float Beta2 { get; init; } = MlpDefaults.Beta2;
    /// <summary>Adam's ε, positive.</summary>
    public float Epsilon { get; init; } = MlpDefaults.Epsilon;
    /// <summary>Minimum fall of the training loss that counts as improvement, 0 or more.</summary>
    public float ConvergenceTolerance { get; init; } = MlpDefaults.ConvergenceTolerance;
    /// <summary>Epochs without improvement before stopping, at least 1.</summary>
    public int ConvergencePatience { get; init; } = MlpDefaults.ConvergencePatience;
    /// <summary>Standardise features (statistics kept in the model).</summary>
    public bool StandardizeFeatures { get; init; } = MlpDefaults.StandardizeFeatures;
    /// <summary>How initial weights are drawn.</summary>
    public WeightInitialization WeightInitialization { get; init; } = WeightInitialization.Auto;
    /// <summary>Seed of the run's single random source.</summary>
    public int Seed { get; init; } = MlpDefaults.Seed;
    /// <summary>Threads for the matrix kernels, at least 1; results do not depend on it.</summary>
    public int NumberOfThreads { get; init; } = Environment.ProcessorCount;
    /// <summary>Called after every epoch.</summary>
    public Action<EpochReport>? EpochCompleted { get; init; }
    /// <summary>Checked before every mini-batch.</summary>
    public CancellationToken CancellationToken { get; init; }
    /// <summary>Polled before every mini-batch, beside <see cref="CancellationToken"/>; true stops training with <see cref="OperationCanceledException"/>.</summary>
    public Func<bool>? IsCancellationRequested { get; init; }

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

    /// <summary>The activation of each hidden layer, after expanding a single activation to all layers.</summary>
    public IReadOnlyList<Activation> ActivationsPerLayer() =>
        Activation.Count == 1 ? Enumerable.Repeat(Activation[0], HiddenLayerSizes.Count).ToArray() : Activation;

    /// <summary>
    /// Checks every setting; throws <see cref="ArgumentOutOfRangeException"/> or <see cref="ArgumentNullException"/>
    /// naming the option, the rule and the value received.
    /// </summary>
    public void Validate()
    {
        if (HiddenLayerSizes is null) throw new ArgumentNullException(nameof(HiddenLayerSizes), "HiddenLayerSizes must not be null; use an empty list for no hidden layer.");
        for (int i = 0; i < HiddenLayerSizes.Count; i++)
            if (HiddenLayerSizes[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(HiddenLayerSizes), HiddenLayerSizes[i], $"HiddenLayerSizes[{i}] must be positive; got {HiddenLayerSizes[i]}.");
        if (Activation is null) throw new ArgumentNullException(nameof(Activation), "Activation must not be null.");
        if (Activation.Count != 1 && Activation.Count != HiddenLayerSizes.Count)
            throw new ArgumentOutOfRangeException(nameof(Activation), Activation.Count,
                $"Activation must list one activation for all hidden layers or one per hidden layer ({HiddenLayerSizes.Count}); got {Activation.Count}.");
        for (int i = 0; i < Activation.Count; i++)
            if (!Enum.IsDefined(Activation[i]))
                throw new ArgumentOutOfRangeException(nameof(Activation), Activation[i], $"Activation[{i}] must be one of {string.Join(", ", Enum.GetNames<Activation>())}; got {(int)Activation[i]}.");
        if (!Enum.IsDefined(Optimizer))
            throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, $"Optimizer must be one of {string.Join(", ", Enum.GetNames<OptimizerKind>())}; got {(int)Optimizer}.");
        Positive(nameof(LearningRate), LearningRate);
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"BatchSize must be at least 1; got {BatchSize}.");
        if (MaximumNumberOfEpochs < 1) throw new ArgumentOutOfRangeException(nameof(MaximumNumberOfEpochs), MaximumNumberOfEpochs, $"MaximumNumberOfEpochs must be at least 1; got {MaximumNumberOfEpochs}.");
        NonNegative(nameof(L2Regularization), L2Regularization);
        NonNegative(nameof(WeightDecay), WeightDecay);
        UnitInterval(nameof(Momentum), Momentum);
        UnitInterval(nameof(Beta1), Beta1);
        UnitInterval(nameof(Beta2), Beta2);
        Positive(nameof(Epsilon), Epsilon);
        NonNegative(nameof(ConvergenceTolerance), ConvergenceTolerance);
        if (ConvergencePatience < 1) throw new ArgumentOutOfRangeException(nameof(ConvergencePatience), ConvergencePatience, $"ConvergencePatience must be at least 1; got {ConvergencePatience}.");
        if (!Enum.IsDefined(WeightInitialization))
            throw new ArgumentOutOfRangeException(nameof(WeightInitialization), WeightInitialization, $"WeightInitialization must be one of {string.Join(", ", Enum.GetNames<WeightInitialization>())}; got {(int)WeightInitialization}.");
        if (NumberOfThreads < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfThreads), NumberOfThreads, $"NumberOfThreads must be at least 1; got {NumberOfThreads}.");
        ValidateTrainingControl();
    }

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

    private static void Positive(string name, float value)
    {
        if (!(value > 0f) || !float.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number; got {value}.");
    }

    private static void NonNegative(string name, float value)
    {
        if (!(value >= 0f) || !float.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or a positive finite number; got {value}.");
    }

    private static void UnitInterval(string name, float value)
    {
        if (!(value >= 0f && value < 1f)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1); got {value}.");
    }
}
