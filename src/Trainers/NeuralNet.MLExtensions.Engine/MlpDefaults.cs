namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// The default of every training setting, in one place: the engine's settings, the ML.NET trainer's options and both
/// catalog overloads read them from here. Options whose default depends on another (the L2 penalty on the optimizer)
/// or on the machine (the thread count) have a method or property here rather than a constant.
/// </summary>
public static class MlpDefaults
{
    /// <summary>The trainers' preset: <see cref="MlpPreset.Tabular"/>.</summary>
    public const MlpPreset Preset = MlpPreset.Tabular;

    /// <summary>How Fit reads the data: <see cref="MlpDataPath.Auto"/>, in memory up to <see cref="MaximumInMemoryBytes"/>, streamed above.</summary>
    public const MlpDataPath DataPath = MlpDataPath.Auto;
    /// <summary>Largest estimated size of the training rows that Auto holds in memory: 1 GiB (about 12 million rows of 20 features).</summary>
    public const long MaximumInMemoryBytes = 1L << 30;

    /// <summary>Whether a streamed run reads its epochs through the source's shuffled cursor: off (source order and the pool).</summary>
    public const bool ShuffleStreamedReads = false;

    /// <summary>Multiclass classification.</summary>
    public const MlpTask Task = MlpTask.Multiclass;
    /// <summary>The squared loss for regression.</summary>
    public const RegressionLossKind RegressionLoss = RegressionLossKind.Squared;
    /// <summary>Huber's threshold: 1 standard deviation of the target.</summary>
    public const float HuberDelta = 1f;
    /// <summary>One hidden layer of 100 units.</summary>
    public static IReadOnlyList<int> HiddenLayerSizes { get; } = [100];
    /// <summary>ReLU hidden layers.</summary>
    public const Activation Activation = Engine.Activation.Relu;
    /// <summary>Adam.</summary>
    public const OptimizerKind Optimizer = OptimizerKind.Adam;
    /// <summary>0.001, a safe step for Adam on standardised inputs.</summary>
    public const float LearningRate = 1e-3f;
    /// <summary>32 rows per mini-batch.</summary>
    public const int BatchSize = 32;
    /// <summary>At most 200 passes over the training data.</summary>
    public const int MaximumNumberOfEpochs = 200;
    /// <summary>L2 penalty λ/2·‖W‖² added to the mean loss (weights only) with Adam and Sgd: 1e-4.</summary>
    public const float L2Regularization = 1e-4f;
    /// <summary>Decoupled weight decay for AdamW: 0.01.</summary>
    public const float WeightDecay = 0.01f;

    /// <summary>
    /// The L2 penalty used when none is set: <see cref="L2Regularization"/> (1e-4) for Adam and Sgd, 0 for AdamW, whose
    /// <see cref="WeightDecay"/> already is the decoupled form of that penalty (AdamW's point is not to add it to the
    /// gradient, where Adam's scaling would weaken it for weights with large gradients).
    /// </summary>
    public static float L2RegularizationFor(OptimizerKind optimizer) => optimizer == OptimizerKind.AdamW ? 0f : L2Regularization;

    /// <summary>Momentum for SGD: 0.9.</summary>
    public const float Momentum = 0.9f;
    /// <summary>Nesterov momentum for SGD: on.</summary>
    public const bool Nesterov = true;
    /// <summary>Adam's β1: 0.9.</summary>
    public const float Beta1 = 0.9f;
    /// <summary>Adam's β2: 0.999.</summary>
    public const float Beta2 = 0.999f;
    /// <summary>Adam's ε: 1e-8.</summary>
    public const float Epsilon = 1e-8f;
    /// <summary>Training stops when the epoch's training loss has not fallen by at least this much ...</summary>
    public const float ConvergenceTolerance = 1e-4f;
    /// <summary>... for this many epochs in a row: 10.</summary>
    public const int ConvergencePatience = 10;
    /// <summary>Features are scaled inside the model by mean and standard deviation: Standard.</summary>
    public const FeatureScaling FeatureScaling = Engine.FeatureScaling.Standard;
    /// <summary>Initial weights matched to each layer's activation (He for ReLU-like, Glorot for the rest).</summary>
    public const WeightInitialization WeightInitialization = Engine.WeightInitialization.Auto;
    /// <summary>Seed used when neither the options nor an MLContext give one.</summary>
    public const int Seed = 0;
    /// <summary>Kernel threads: one per processor.</summary>
    public static int NumberOfThreads => Environment.ProcessorCount;

    /// <summary>No training rows held out for validation: 0.</summary>
    public const float ValidationFraction = 0f;
    /// <summary>No refit on all rows after a held-out run: 0 (<see cref="MlpTrainingSettings.RefitMaximumRows"/>).</summary>
    public const int RefitMaximumRows = 0;
    /// <summary>Early stopping watches the validation loss (only when there is validation data).</summary>
    public const EarlyStoppingMetric EarlyStoppingMetric = Engine.EarlyStoppingMetric.ValidationLoss;
    /// <summary>Epochs without validation improvement before stopping: 10.</summary>
    public const int EarlyStoppingPatience = 10;
    /// <summary>No separate patience for networks with piecewise-linear encodings: 0 (they use <see cref="EarlyStoppingPatience"/>).</summary>
    public const int EncodedEarlyStoppingPatience = 0;
    /// <summary>Smallest change of the validation metric that counts as improvement: 0 (any).</summary>
    public const float EarlyStoppingMinimumImprovement = 0f;
    /// <summary>With validation data, the model keeps the best epoch's weights: on.</summary>
    public const bool RestoreBestWeights = true;
    /// <summary>Constant learning rate.</summary>
    public const LearningRateScheduleKind LearningRateSchedule = LearningRateScheduleKind.Constant;
    /// <summary>Step decay every 30 epochs ...</summary>
    public const int StepDecayEpochs = 30;
    /// <summary>... by a factor of 0.1.</summary>
    public const float StepDecayFactor = 0.1f;
    /// <summary>Exponential decay: ×0.95 per epoch.</summary>
    public const float ExponentialDecayRate = 0.95f;
    /// <summary>Linear warm-up epochs before cosine decay: 0.</summary>
    public const int WarmupEpochs = 0;
    /// <summary>Span of cosine decay and one-cycle: 0, the run's MaximumNumberOfEpochs.</summary>
    public const int LearningRateScheduleEpochs = 0;
    /// <summary>Floor of cosine decay and reduce-on-plateau: 0.</summary>
    public const float MinimumLearningRate = 0f;
    /// <summary>Reduce-on-plateau factor: 0.1.</summary>
    public const float PlateauFactor = 0.1f;
    /// <summary>Reduce-on-plateau patience: 5 epochs.</summary>
    public const int PlateauPatience = 5;
    /// <summary>Gradient clipping by global norm: off (0).</summary>
    public const float GradientClippingNorm = 0f;
    /// <summary>L1 penalty λ·Σ|W|: off (0).</summary>
    public const float L1Regularization = 0f;
    /// <summary>Dropout on hidden layers: none (an empty list).</summary>
    public static IReadOnlyList<float> DropoutRates { get; } = [];
    /// <summary>Label smoothing ε: off (0).</summary>
    public const float LabelSmoothing = 0f;
    /// <summary>Class weighting: none.</summary>
    public const ClassWeighting ClassWeighting = Engine.ClassWeighting.None;

    /// <summary>Numeric feature embeddings: none (the first dense layer sees the standardised features).</summary>
    public const NumericEmbeddingKind NumericEmbedding = NumericEmbeddingKind.None;
    /// <summary>Quantile bins per piecewise-linear encoded feature: 16 (8 was 0.4 points less accurate on the quality benchmark).</summary>
    public const int EmbeddingBins = 16;
    /// <summary>Cosines per embedded feature: 16, RealMLP's default.</summary>
    public const int EmbeddingFrequencies = 16;
    /// <summary>Values each embedded feature adds beside its own: 3, so 4 first-layer inputs per feature, RealMLP's default width.</summary>
    public const int EmbeddingWidth = 3;
    /// <summary>Standard deviation σ of the initial embedding frequencies: 0.1, RealMLP's default (inputs standardised).</summary>
    public const float EmbeddingFrequencyScale = 0.1f;
    /// <summary>
    /// <see cref="NumericEmbeddingKind.Auto"/> encodes when at most 50 features would be encoded, and not for more:
    /// there the inputs tend to be many like-valued signals (pixels, spectra) rather than counts and amounts with
    /// thresholds, each encoded feature adds up to <see cref="EmbeddingBins"/> first-layer inputs, and on the quality
    /// benchmark the encodings lost accuracy on such data (digits' 64 pixels, sonar's 60 bands) while costing the most.
    /// </summary>
    public const int AutoEmbeddingMaxFeatures = 50;
    /// <summary>A learnable per-input scale before the first dense layer: off.</summary>
    public const bool FeatureScaleLayer = false;

    /// <summary>Members of a parameter-efficient ensemble: 1, a single network.</summary>
    public const int EnsembleSize = 1;

    // The presets last: static initialisers run in textual order, and these read the constants and lists above.
    /// <summary>
    /// The tabular recipe's values (the trainers' defaults): two hidden layers of 64 (as accurate on average as one of
    /// 100, with the sets where trees led closer, in less time); hold out a fifth of the rows (stratified), keep the epoch
    /// with the best validation loss (stopping after 10 epochs without improvement), then on at most 10,000 rows train
    /// again on all rows for that many epochs; an ensemble of 8 members sharing one network (TabM-mini) up to 50,000
    /// rows, above that a single network with batches of 256 (an ensemble or small batches would take minutes there);
    /// batches of 64 at a learning rate of 0.003 (as accurate as 32 at 0.001 on the suite, in about three quarters of
    /// the time); label smoothing 0.02 for multiclass (with two layers, as accurate as 0.05 and with a lower log-loss);
    /// piecewise-linear encodings of up to 50 many-valued features (<see cref="NumericEmbeddingKind.Auto"/>), whose
    /// networks stop after 5 epochs without improvement instead of 10 (as accurate, in 60 % of the time). Measured on
    /// the project's quality benchmark (README, "Quality").
    /// </summary>
    public static MlpPresetValues Tabular { get; } = new(
        HiddenLayerSizes: [64, 64], BatchSize: 64, MaximumNumberOfEpochs: 200, LearningRate: 3e-3f, Beta2: 0.999f,
        ValidationFraction: 0.2f, RefitMaximumRows: 10_000, EarlyStoppingPatience: 10, EncodedEarlyStoppingPatience: 5, LabelSmoothing: 0.02f, DropoutRates: [],
        EnsembleSize: 8, LargeDataRows: 50_000, LargeDataBatchSize: 256, NumericEmbedding: NumericEmbeddingKind.Auto);

    /// <summary>
    /// The classic values, version 0.1's defaults and the engine's own (<see cref="MlpTrainingSettings"/>' initial
    /// values): the constants above.
    /// </summary>
    public static MlpPresetValues Classic { get; } = new(
        HiddenLayerSizes, BatchSize, MaximumNumberOfEpochs, LearningRate, Beta2, ValidationFraction, RefitMaximumRows, EarlyStoppingPatience, EncodedEarlyStoppingPatience, LabelSmoothing, DropoutRates,
        EnsembleSize, LargeDataRows: int.MaxValue, LargeDataBatchSize: BatchSize, NumericEmbedding: NumericEmbedding);
}
