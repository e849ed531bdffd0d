using NeuralNet.MLExtensions.Engine.Settings;
using static NeuralNet.MLExtensions.Engine.Settings.SettingRules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>The training-control settings: validation, early stopping, schedules, regularisation, class weights.</summary>
public sealed partial class MlpTrainingSettings
{
    /// <summary>Fraction of the training rows held out (stratified by class) as validation data, in [0, 1); 0 for none.</summary>
    public float ValidationFraction { get => _validationFraction; init => _validationFraction = value; }
    private float _validationFraction = MlpDefaults.ValidationFraction;

    /// <summary>
    /// With rows held out by <see cref="ValidationFraction"/>: when the training data has at most this many rows, the
    /// run that finds the best epoch on the held-out rows is followed by a second run from the start on all rows for
    /// that many epochs (same seed, same schedule span), so no row is lost to validation. 0 (the default) never refits.
    /// Ignored with given validation data or a warm start.
    /// </summary>
    public int RefitMaximumRows { get => _refitMaximumRows; init => _refitMaximumRows = value; }
    private int _refitMaximumRows = MlpDefaults.RefitMaximumRows;

    /// <summary>Whether a run on <paramref name="rows"/> rows refits on all of them after the held-out run.</summary>
    internal bool RefitsOn(int rows) => ValidationFraction > 0f && rows <= RefitMaximumRows;

    /// <summary>These settings without the refit: the held-out run of a refit (on <paramref name="threads"/> threads when given).</summary>
    internal MlpTrainingSettings WithoutRefit(int threads = 0)
    {
        var copy = (MlpTrainingSettings)MemberwiseClone();
        copy._refitMaximumRows = 0;
        if (threads > 0) copy._numberOfThreads = threads;
        return copy;
    }

    /// <summary>
    /// These settings for the refit on all rows: <paramref name="epochs"/> epochs, no held-out rows, the schedule over
    /// the span of the first run (<paramref name="scheduleEpochs"/>) so each epoch sees the learning rate it saw there;
    /// without <paramref name="reportEpochs"/>, no <see cref="EpochCompleted"/> (the caller reports the epochs later);
    /// on <paramref name="threads"/> threads when given.
    /// </summary>
    internal MlpTrainingSettings ForRefit(int epochs, int scheduleEpochs, bool reportEpochs = true, int threads = 0)
    {
        var copy = (MlpTrainingSettings)MemberwiseClone();
        if (!reportEpochs) copy._epochCompleted = null;
        if (threads > 0) copy._numberOfThreads = threads;
        copy._maximumNumberOfEpochs = epochs;
        copy._validationFraction = 0f;
        copy._learningRateScheduleEpochs = scheduleEpochs;
        return copy;
    }
    /// <summary>What early stopping watches; it acts only when there is validation data.</summary>
    public EarlyStoppingMetric EarlyStoppingMetric { get; init; } = MlpDefaults.EarlyStoppingMetric;
    /// <summary>Epochs without improvement of the validation metric before stopping, at least 1.</summary>
    public int EarlyStoppingPatience { get; init; } = MlpDefaults.EarlyStoppingPatience;
    /// <summary>
    /// The patience instead of <see cref="EarlyStoppingPatience"/> when the network has piecewise-linear encodings
    /// (<see cref="NumericEmbeddingKind.PiecewiseLinear"/>, or <see cref="NumericEmbeddingKind.Auto"/> when it encodes):
    /// such a network fits within a few epochs and its validation loss then turns, so a shorter wait costs no accuracy.
    /// 0 or more; 0 (the engine's default) uses <see cref="EarlyStoppingPatience"/> for every network.
    /// </summary>
    public int EncodedEarlyStoppingPatience { get; init; } = MlpDefaults.EncodedEarlyStoppingPatience;

    /// <summary>The early-stopping patience for a network of <paramref name="architecture"/>: see <see cref="EncodedEarlyStoppingPatience"/>.</summary>
    public int EarlyStoppingPatienceFor(MlpArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return EncodedEarlyStoppingPatience > 0 && architecture.Embedding is { IsPiecewiseLinear: true } ? EncodedEarlyStoppingPatience : EarlyStoppingPatience;
    }
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
    public int LearningRateScheduleEpochs { get => _learningRateScheduleEpochs; init => _learningRateScheduleEpochs = value; }
    private int _learningRateScheduleEpochs = MlpDefaults.LearningRateScheduleEpochs;
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
    public IReadOnlyList<float> DropoutRates { get; init; } = MlpDefaults.DropoutRates;
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

    private SettingError? FindTrainingControlError() =>
        (ValidationFraction >= 0f && ValidationFraction < 1f ? null
            : Fail(nameof(ValidationFraction), ValidationFraction, $"must be in [0, 1); got {ValidationFraction}."))
        ?? AtLeast(nameof(RefitMaximumRows), RefitMaximumRows, 0)
        ?? Defined(nameof(EarlyStoppingMetric), EarlyStoppingMetric)
        ?? AtLeast(nameof(EarlyStoppingPatience), EarlyStoppingPatience, 1)
        ?? AtLeast(nameof(EncodedEarlyStoppingPatience), EncodedEarlyStoppingPatience, 0)
        ?? NonNegative(nameof(EarlyStoppingMinimumImprovement), EarlyStoppingMinimumImprovement)
        ?? Defined(nameof(LearningRateSchedule), LearningRateSchedule)
        ?? AtLeast(nameof(StepDecayEpochs), StepDecayEpochs, 1)
        ?? Factor(nameof(StepDecayFactor), StepDecayFactor)
        ?? Factor(nameof(ExponentialDecayRate), ExponentialDecayRate)
        ?? AtLeast(nameof(LearningRateScheduleEpochs), LearningRateScheduleEpochs, 0)
        ?? AtLeast(nameof(WarmupEpochs), WarmupEpochs, 0)
        ?? NonNegative(nameof(MinimumLearningRate), MinimumLearningRate)
        ?? (MinimumLearningRate < LearningRate ? null
            : Fail(nameof(MinimumLearningRate), MinimumLearningRate, $"must be below {SettingError.Prefix}{nameof(LearningRate)} ({LearningRate}); got {MinimumLearningRate}."))
        ?? Shrinking(nameof(PlateauFactor), PlateauFactor)
        ?? AtLeast(nameof(PlateauPatience), PlateauPatience, 1)
        ?? NonNegative(nameof(GradientClippingNorm), GradientClippingNorm)
        ?? NonNegative(nameof(L1Regularization), L1Regularization)
        ?? FindDropoutError()
        ?? UnitInterval(nameof(LabelSmoothing), LabelSmoothing)
        ?? Defined(nameof(ClassWeighting), ClassWeighting)
        ?? FindClassWeightsError();

    private SettingError? FindDropoutError()
    {
        if (DropoutRates is null) return Missing(nameof(DropoutRates), $"must not be null; use an empty list for no dropout.");
        if (DropoutRates.Count > 1 && DropoutRates.Count != HiddenLayerSizes.Count)
            return Fail(nameof(DropoutRates), DropoutRates.Count,
                $"must list one rate for all hidden layers or one per hidden layer ({HiddenLayerSizes.Count}); got {DropoutRates.Count}.");
        return Each(DropoutRates, (rate, i) => rate >= 0f && rate < 1f ? null : FailAt(nameof(DropoutRates), i, rate, $"must be in [0, 1); got {rate}."));
    }

    private SettingError? FindClassWeightsError()
    {
        if (ClassWeighting != ClassWeighting.Explicit)
            return ClassWeights is null ? null : Fail(nameof(ClassWeights), ClassWeights.Count,
                $"is only used when {SettingError.Prefix}{nameof(ClassWeighting)} is Explicit; got {ClassWeights.Count} weights with {nameof(ClassWeighting)} {ClassWeighting}.");
        if (ClassWeights is null || ClassWeights.Count == 0)
            return Fail(nameof(ClassWeights), ClassWeights?.Count ?? 0,
                $"must list one weight per class when {SettingError.Prefix}{nameof(ClassWeighting)} is Explicit; got none.");
        return Each(ClassWeights, (w, i) => w >= 0f && float.IsFinite(w) ? null : FailAt(nameof(ClassWeights), i, w, $"must be a finite number ≥ 0; got {w}."))
            ?? (ClassWeights.Any(w => w != 0f) ? null : Fail(nameof(ClassWeights), 0f, $"must not all be 0; got 0 for every class."));
    }
}
