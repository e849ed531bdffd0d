namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Everything the engine needs to train a network; every default comes from <see cref="MlpDefaults"/>.
/// <see cref="Validate"/> and <see cref="ValidateForData"/> check every setting, and their messages name settings as
/// "MlpTrainingSettings.Name"; a front end with its own option names (the ML.NET trainer) puts those in their place.
/// </summary>
public sealed partial class MlpTrainingSettings
{
    private readonly float? _l2Regularization;

    /// <summary>Width of each hidden layer, each in 1..<see cref="MlpLimits.MaxLayerSize"/>; empty for multinomial logistic regression.</summary>
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
    public int MaximumNumberOfEpochs { get => _maximumNumberOfEpochs; init => _maximumNumberOfEpochs = value; }
    private int _maximumNumberOfEpochs = MlpDefaults.MaximumNumberOfEpochs;

    /// <summary>
    /// L2 penalty λ: adds λ/2·‖W‖² (weights, not biases) to the mean loss, 0 or more. Left unset it follows
    /// <see cref="Optimizer"/> (<see cref="MlpDefaults.L2RegularizationFor"/>): 1e-4 for Adam and Sgd, 0 for AdamW,
    /// whose <see cref="WeightDecay"/> is the decoupled form of the same penalty. A non-zero value with AdamW is
    /// refused. Reading it gives the value in force.
    /// </summary>
    public float L2Regularization
    {
        get => _l2Regularization ?? MlpDefaults.L2RegularizationFor(Optimizer);
        init => _l2Regularization = value;
    }

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
    /// <summary>How features are scaled before the network (statistics fitted on the training rows, kept in the model); a warm start keeps the model's scaling.</summary>
    public FeatureScaling FeatureScaling { get; init; } = MlpDefaults.FeatureScaling;
    /// <summary>How initial weights are drawn.</summary>
    public WeightInitialization WeightInitialization { get; init; } = MlpDefaults.WeightInitialization;
    /// <summary>Seed of the run's single random source.</summary>
    public int Seed { get; init; } = MlpDefaults.Seed;
    /// <summary>
    /// Threads for the matrix kernels, 1 to <see cref="MlpLimits.MaxThreads"/>; results do not depend on it. A network
    /// whose mini-batch is too little work to share trains on one.
    /// </summary>
    public int NumberOfThreads { get => _numberOfThreads; init => _numberOfThreads = value; }
    private int _numberOfThreads = MlpDefaults.NumberOfThreads;
    /// <summary>
    /// Forward multiply-adds per mini-batch below which training uses one thread whatever <see cref="NumberOfThreads"/>
    /// says; tests set 0 to make every run share its work, so thread-count determinism stays tested on small networks.
    /// </summary>
    internal long MinimumParallelStepMultiplyAdds { get; init; } = Training.TrainingThreads.MinimumStepMultiplyAdds;
    /// <summary>Throws <see cref="OperationCanceledException"/> when <see cref="CancellationToken"/> or <see cref="IsCancellationRequested"/> asks to stop.</summary>
    internal void ThrowIfCancelled()
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (IsCancellationRequested?.Invoke() == true)
            throw new OperationCanceledException("Training was cancelled.");
    }
    /// <summary>Called after every epoch.</summary>
    public Action<EpochReport>? EpochCompleted { get => _epochCompleted; init => _epochCompleted = value; }
    private Action<EpochReport>? _epochCompleted;
    /// <summary>Checked before every mini-batch.</summary>
    public CancellationToken CancellationToken { get; init; }
    /// <summary>
    /// Polled before every mini-batch, beside <see cref="CancellationToken"/>; true stops training with <see cref="OperationCanceledException"/>.
    /// A refit beside its held-out run polls it from a second thread, one call at a time.
    /// </summary>
    public Func<bool>? IsCancellationRequested { get => _isCancellationRequested; init => _isCancellationRequested = value; }
    private Func<bool>? _isCancellationRequested;

    /// <summary>These settings polling <paramref name="poll"/> instead of <see cref="IsCancellationRequested"/>.</summary>
    internal MlpTrainingSettings WithCancellationPoll(Func<bool>? poll)
    {
        var copy = (MlpTrainingSettings)MemberwiseClone();
        copy._isCancellationRequested = poll;
        return copy;
    }

    /// <summary>The activation of each hidden layer, after expanding a single activation to all layers.</summary>
    public IReadOnlyList<Activation> ActivationsPerLayer() =>
        Activation.Count == 1 ? Enumerable.Repeat(Activation[0], HiddenLayerSizes.Count).ToArray() : Activation;
}
