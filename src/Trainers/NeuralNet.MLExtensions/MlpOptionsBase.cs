using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// The training options every MLP trainer shares (<see cref="MlpTrainer.Options"/>, <see cref="MlpBinaryTrainer.Options"/>,
/// <see cref="MlpRegressionTrainer.Options"/> derive from it). Every default comes from <see cref="MlpDefaults"/>; every
/// value is checked when the trainer is constructed, and a bad one gets an <see cref="ArgumentOutOfRangeException"/>
/// naming the option. Options that apply to one task only (LabelSmoothing and ClassWeighting to classification) are
/// refused by the others with a message.
/// </summary>
public abstract partial class MlpOptionsBase
{
    /// <summary>
    /// Name of the label column. Default "Label". Multiclass: a key type (use <c>MapValueToKey</c> on raw labels);
    /// binary: Boolean; regression: Single.
    /// </summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Name of the feature column: a known-size vector of Single (use <c>Concatenate</c>). Default "Features".</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>Optional Single column scaling each example's loss; null for equal weights. Weights must be finite and ≥ 0.</summary>
    public string? ExampleWeightColumnName { get; set; }

    /// <summary>
    /// Width of each hidden layer, input side first, each from 1 to 1,048,576 and at most 256 layers. Default: Tabular
    /// [64, 64], Classic [100]. Empty gives multinomial logistic regression. Wider or more layers fit more complex data
    /// and cost time linearly in the parameter count, which may be at most 67,108,864
    /// (<see cref="MlpLimits.MaxParameterCount"/>, so the model can be saved and loaded): checked here for the hidden
    /// layers and in <c>Fit</c> with the features and classes.
    /// </summary>
    public int[] HiddenLayerSizes { get => _hiddenLayerSizes ?? [.. Values.HiddenLayerSizes]; set => _hiddenLayerSizes = value; }
    private int[]? _hiddenLayerSizes;

    /// <summary>
    /// Hidden-layer activation: one value for every hidden layer, or one per hidden layer. Default [Relu].
    /// Initial weights are matched to it (He for ReLU-like, Glorot for tanh and sigmoid).
    /// </summary>
    public Engine.Activation[] Activation { get; set; } = [MlpDefaults.Activation];

    /// <summary>Optimizer: Adam (default), AdamW (with <see cref="WeightDecay"/>) or Sgd (with <see cref="Momentum"/>).</summary>
    public OptimizerKind Optimizer { get; set; } = MlpDefaults.Optimizer;

    /// <summary>Step size, &gt; 0. Default: the preset's (Tabular 0.003, Classic 0.001; both suit Adam, SGD usually wants 0.01–0.1). Lower it if training diverges.</summary>
    public float LearningRate { get => _learningRate ?? Values.LearningRate; set => _learningRate = value; }
    private float? _learningRate;

    /// <summary>
    /// Rows per mini-batch, ≥ 1. Default: the preset's (Tabular 64, and 256 above 50,000 training rows; Classic 32). The last,
    /// smaller batch of an epoch is used, not dropped.
    /// </summary>
    public int BatchSize { get => _batchSize ?? Values.BatchSize; set => _batchSize = value; }
    private int? _batchSize;

    /// <summary>Maximum passes over the training data, ≥ 1. Default 200; training usually stops earlier on convergence.</summary>
    public int MaximumNumberOfEpochs { get => _maximumNumberOfEpochs ?? Values.MaximumNumberOfEpochs; set => _maximumNumberOfEpochs = value; }
    private int? _maximumNumberOfEpochs;

    /// <summary>
    /// L2 penalty λ: adds λ/2·‖W‖² (weights, not biases) to the mean loss, ≥ 0. Default null: 1e-4 with Adam and Sgd,
    /// 0 with AdamW, whose <see cref="WeightDecay"/> is the decoupled form of the same penalty; a value above 0 with
    /// AdamW is refused (set <see cref="WeightDecay"/> instead). Raise it (e.g. 1e-3) against over-fitting.
    /// </summary>
    public float? L2Regularization { get; set; }

    /// <summary>
    /// Decoupled weight decay for AdamW: each step shrinks the weights (not biases) by LearningRate·WeightDecay, apart
    /// from the gradient, ≥ 0. Default 0.01. Ignored by Adam and Sgd. Raise it against over-fitting with AdamW.
    /// </summary>
    public float WeightDecay { get; set; } = MlpDefaults.WeightDecay;

    /// <summary>SGD momentum in [0, 1). Default 0.9. Ignored by Adam and AdamW.</summary>
    public float Momentum { get; set; } = MlpDefaults.Momentum;

    /// <summary>Use Nesterov momentum with SGD. Default true; false gives classical momentum. Ignored by Adam and AdamW.</summary>
    public bool Nesterov { get; set; } = MlpDefaults.Nesterov;

    /// <summary>Adam's and AdamW's first-moment decay β1 in [0, 1). Default 0.9; rarely worth changing.</summary>
    public float Beta1 { get; set; } = MlpDefaults.Beta1;

    /// <summary>Adam's and AdamW's second-moment decay β2 in [0, 1). Default 0.999; lower it (e.g. 0.99) if training is unstable late on.</summary>
    public float Beta2 { get => _beta2 ?? Values.Beta2; set => _beta2 = value; }
    private float? _beta2;

    /// <summary>Adam's and AdamW's ε, &gt; 0, added to the root of the second moment. Default 1e-8; rarely worth changing.</summary>
    public float Epsilon { get; set; } = MlpDefaults.Epsilon;

    /// <summary>
    /// Training stops when the epoch's training loss has not fallen below the best so far by this much, ≥ 0, for
    /// <see cref="ConvergencePatience"/> epochs in a row. Default 1e-4. The stop is reported on the model and the log.
    /// </summary>
    public float ConvergenceTolerance { get; set; } = MlpDefaults.ConvergenceTolerance;

    /// <summary>Epochs without improvement of the training loss before stopping, ≥ 1. Default 10; raise it for noisy losses (small batches).</summary>
    public int ConvergencePatience { get; set; } = MlpDefaults.ConvergencePatience;

    /// <summary>
    /// How features are scaled before the network, with statistics fitted on the training rows and stored in the model
    /// (applied again when scoring). Default Standard: mean 0, variance 1. Robust: centred at the median, divided by
    /// the inter-quartile range (half the range when that is 0; a constant feature maps to 0), then smoothly clipped
    /// into (−3, 3) by z / √(1 + (z/3)²), as RealMLP does, so heavy-tailed counts and money amounts and rare outliers
    /// no longer squash the ordinary rows; it needs finite features. None: the raw features, only when they are
    /// already on a common small scale. A warm start keeps the scaling of the model it continues from.
    /// Replaces the former <c>StandardizeFeatures</c> (true = Standard, false = None).
    /// </summary>
    public FeatureScaling FeatureScaling { get; set; } = MlpDefaults.FeatureScaling;

    /// <summary>
    /// How initial weights are drawn. Default Auto (He for ReLU-like layers, Glorot for the rest); StandardNormal is
    /// only for demonstrating why scaled initialisation matters.
    /// </summary>
    public WeightInitialization WeightInitialization { get; set; } = MlpDefaults.WeightInitialization;

    /// <summary>
    /// Seed of the run's random source (initial weights, shuffles). Null (default) takes a seed from the MLContext
    /// the trainer was made with, as ML.NET's trainers do, or <see cref="MlpDefaults.Seed"/> without one.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Threads for training, from 1 to twice the processor count (<see cref="MlpLimits.MaxThreads"/>); null (default)
    /// uses one per processor. The model is bit-identical for any value; lower it to leave cores to other work. Small
    /// networks (under about six million multiply-adds per mini-batch) train on one thread whatever the value, as the
    /// threads' hand-offs would cost more than they give. With two or more, a refit on all rows
    /// (<see cref="RefitMaximumRows"/>) runs beside the held-out run, each on half the threads.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>
    /// What to do with training rows whose features hold NaN or infinity, whose label is missing, or whose weight
    /// is negative or not finite: false (default) fails <c>Fit</c> with an error naming how many rows and which
    /// feature slots; true skips them and reports the count on <c>MLContext.Log</c>.
    /// </summary>
    public bool SkipInvalidRows { get; set; }

    /// <summary>
    /// Fraction of the training rows held out, stratified by class, as validation data when <c>Fit</c> gets none,
    /// in [0, 1). Default 0 (none). With validation data, each epoch's validation loss and accuracy are recorded,
    /// early stopping and reduce-on-plateau watch them. Must be 0 when validation data is passed to <c>Fit</c>.
    /// </summary>
    public float ValidationFraction { get => _validationFraction ?? Values.ValidationFraction; set => _validationFraction = value; }
    private float? _validationFraction;

    /// <summary>
    /// With rows held out by <see cref="ValidationFraction"/>: when the training data has at most this many rows, the
    /// run that finds the best epoch on the held-out rows is followed by a second run from the start on all rows for
    /// that many epochs, so the model learns from every row (the held-out rows are a real loss on small data, and the
    /// second run is cheap there). 0 never refits. Default: the preset's (Tabular 10,000; Classic 0). Ignored when
    /// validation data is passed to <c>Fit</c> and on a warm start.
    /// </summary>
    public int RefitMaximumRows { get => _refitMaximumRows ?? Values.RefitMaximumRows; set => _refitMaximumRows = value; }
    private int? _refitMaximumRows;

    /// <summary>
    /// What early stopping watches on the validation data: ValidationLoss (default), ValidationAccuracy, or None.
    /// It acts only when there is validation data; the stop reason and epoch are on the model and the log.
    /// </summary>
    public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = MlpDefaults.EarlyStoppingMetric;

    /// <summary>Epochs without improvement of the validation metric before stopping, ≥ 1. Default 10.</summary>
    public int EarlyStoppingPatience { get => _earlyStoppingPatience ?? Values.EarlyStoppingPatience; set => _earlyStoppingPatience = value; }
    private int? _earlyStoppingPatience;

    /// <summary>
    /// The patience instead of <see cref="EarlyStoppingPatience"/> when the network has piecewise-linear encodings
    /// (<see cref="MlpOptionsBase.NumericEmbedding"/>): such networks fit within a few epochs, after which their
    /// validation loss turns. ≥ 0; 0 uses EarlyStoppingPatience for every network. Tabular 5; Classic 0. When
    /// EarlyStoppingPatience is set and this is not, it is 0: the patience set applies to every network.
    /// </summary>
    public int EncodedEarlyStoppingPatience
    {
        get => _encodedEarlyStoppingPatience ?? (_earlyStoppingPatience is null ? Values.EncodedEarlyStoppingPatience : 0);
        set => _encodedEarlyStoppingPatience = value;
    }
    private int? _encodedEarlyStoppingPatience;

    /// <summary>Smallest change of the validation metric that counts as improvement, ≥ 0. Default 0 (any).</summary>
    public float EarlyStoppingMinimumImprovement { get; set; } = MlpDefaults.EarlyStoppingMinimumImprovement;

    /// <summary>
    /// With validation data and an <see cref="EarlyStoppingMetric"/>, the model keeps the weights of the epoch with
    /// the best validation metric rather than the last epoch's, whether or not training stopped early. Default true.
    /// </summary>
    public bool RestoreBestWeights { get; set; } = MlpDefaults.RestoreBestWeights;

    /// <summary>
    /// How the learning rate changes per epoch: Constant (default), StepDecay, ExponentialDecay, CosineDecay (with
    /// <see cref="WarmupEpochs"/>), OneCycle, or ReduceOnPlateau. <see cref="LearningRate"/> is the base (peak) rate.
    /// </summary>
    public LearningRateScheduleKind LearningRateSchedule { get; set; } = MlpDefaults.LearningRateSchedule;

    /// <summary>StepDecay: epochs between reductions, ≥ 1. Default 30.</summary>
    public int StepDecayEpochs { get; set; } = MlpDefaults.StepDecayEpochs;

    /// <summary>StepDecay: factor applied every <see cref="StepDecayEpochs"/>, in (0, 1]. Default 0.1.</summary>
    public float StepDecayFactor { get; set; } = MlpDefaults.StepDecayFactor;

    /// <summary>ExponentialDecay: factor applied every epoch, in (0, 1]. Default 0.95.</summary>
    public float ExponentialDecayRate { get; set; } = MlpDefaults.ExponentialDecayRate;

    /// <summary>CosineDecay: epochs of linear warm-up before the decay, ≥ 0. Default 0.</summary>
    public int WarmupEpochs { get; set; } = MlpDefaults.WarmupEpochs;

    /// <summary>
    /// CosineDecay and OneCycle: the epochs the schedule spans, ≥ 0; null or 0 (default) for this run's
    /// <see cref="MaximumNumberOfEpochs"/>. Set it to the total when training in parts (e.g. 6 for 3 + 3 epochs with a
    /// warm start) so the parts anneal as one run would; a warm start continues the span saved with the model.
    /// </summary>
    public int? LearningRateScheduleEpochs { get; set; }

    /// <summary>Floor of CosineDecay and ReduceOnPlateau, ≥ 0 and below <see cref="LearningRate"/>. Default 0.</summary>
    public float MinimumLearningRate { get; set; } = MlpDefaults.MinimumLearningRate;

    /// <summary>ReduceOnPlateau: factor applied when the loss plateaus, in (0, 1). Default 0.1.</summary>
    public float PlateauFactor { get; set; } = MlpDefaults.PlateauFactor;

    /// <summary>ReduceOnPlateau: epochs without improvement (relative 1e-4) before reducing, ≥ 1. Default 5.</summary>
    public int PlateauPatience { get; set; } = MlpDefaults.PlateauPatience;

    /// <summary>Clip the global gradient norm of each mini-batch to this value, ≥ 0; 0 (default) is off. Try 1 to 5 if training diverges.</summary>
    public float GradientClippingNorm { get; set; } = MlpDefaults.GradientClippingNorm;

    /// <summary>L1 penalty λ: adds λ·Σ|W| (weights, not biases) to the mean loss, ≥ 0. Default 0. Drives weights of useless inputs towards 0.</summary>
    public float L1Regularization { get; set; } = MlpDefaults.L1Regularization;

    /// <summary>
    /// Dropout rate of the hidden layers, each in [0, 1): one value for every hidden layer, or one per hidden layer.
    /// Default [] (none). Used in training only; scoring uses the whole network. Try 0.1–0.5 against over-fitting.
    /// </summary>
    public float[] DropoutRates { get => _dropoutRates ?? [.. Values.DropoutRates]; set => _dropoutRates = value; }
    private float[]? _dropoutRates;

    /// <summary>
    /// Members k of a parameter-efficient ensemble (TabM-mini, Gorishniy et al. 2024), 1 to 64. Default 1: a single
    /// network. With k ≥ 2 the members share the hidden layers; each scales the features by its own learned vector
    /// (started at random signs) and has its own output layer. Training minimises the mean of the members' losses;
    /// the model predicts their mean probability (binary: Score is its logit; regression: the mean prediction), so
    /// one model gives much of an ensemble's accuracy and calibration. Training and scoring take about k times the
    /// work of one network, the model k·features + (k−1)·(output layer) more parameters. Default: the preset's (Tabular
    /// 8, but 1 above 50,000 training rows, where one network already sees enough rows and k times the work would cost
    /// minutes; Classic 1). The hidden-layer transform gives the members' mean activation.
    /// </summary>
    public int EnsembleSize { get => _ensembleSize ?? Values.EnsembleSize; set => _ensembleSize = value; }
    private int? _ensembleSize;

    /// <summary>Label smoothing ε in [0, 1): trains towards (1−ε)·one-hot + ε/K. Default: the preset's for multiclass (Tabular 0.02, Classic 0), 0 otherwise.</summary>
    public float LabelSmoothing { get => _labelSmoothing ?? (Task == MlpTask.Multiclass ? Values.LabelSmoothing : 0f); set => _labelSmoothing = value; }
    private float? _labelSmoothing;

    /// <summary>
    /// Weight of each class in the loss, multiplied into the example weights: None (default), Balanced (inverse
    /// class frequency, for imbalanced data), or Explicit (<see cref="ClassWeights"/>).
    /// </summary>
    public ClassWeighting ClassWeighting { get; set; } = MlpDefaults.ClassWeighting;

    /// <summary>With ClassWeighting Explicit: one weight ≥ 0 per class, in the label's key order. Default null.</summary>
    public float[]? ClassWeights { get; set; }

    /// <summary>Told once per epoch, with the same report the log line shows. Default null.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Called once per epoch, synchronously on the training thread. Default null.</summary>
    public Action<EpochReport>? EpochCompleted { get; set; }

    /// <summary>
    /// Stops training before the next mini-batch with <see cref="OperationCanceledException"/>; no model is
    /// returned. <c>mlContext.CancelExecution()</c> does the same. Default none.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>The engine settings these options give (see <see cref="OptionMap"/>), with the seed and callbacks the trainer resolved.</summary>
    internal MlpTrainingSettings ToSettings(int seed, Action<EpochReport>? epochCompleted = null, Func<bool>? isCancellationRequested = null) =>
        OptionMap.ToSettings(this, seed, epochCompleted, isCancellationRequested);

    /// <summary>The task of the trainer these options belong to (internal, so only this library's trainers derive from this class).</summary>
    internal abstract MlpTask Task { get; }

    /// <summary>A copy that shares no array with this one.</summary>
    internal MlpOptionsBase Clone() => OptionMap.CopyArrays((MlpOptionsBase)MemberwiseClone());
}
