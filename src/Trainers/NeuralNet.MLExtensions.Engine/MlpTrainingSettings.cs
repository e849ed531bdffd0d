namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Everything the engine needs to train a network; defaults come from <see cref="MlpDefaults"/>. Option names match
/// the ML.NET trainer's options, so <see cref="Validate"/>'s messages name what the user set.
/// </summary>
public sealed partial class MlpTrainingSettings
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
