namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// The shape of a network: input width, hidden layer widths with their activations, its task and the number of
/// classes. The output layer has K logits (multiclass), one logit (binary) or one value (regression). Zero hidden
/// layers is multinomial logistic, logistic or linear regression.
/// </summary>
public sealed class MlpArchitecture
{
    /// <summary>Describes a network; every size is checked.</summary>
    /// <param name="inputSize">Number of input features (at least 1).</param>
    /// <param name="hiddenLayerSizes">Width of each hidden layer, each at least 1; empty for none.</param>
    /// <param name="activations">One activation per hidden layer.</param>
    /// <param name="classCount">Number of classes K (at least 2).</param>
    public MlpArchitecture(int inputSize, IReadOnlyList<int> hiddenLayerSizes, IReadOnlyList<Activation> activations, int classCount)
        : this(inputSize, hiddenLayerSizes, activations, MlpTask.Multiclass, classCount)
    {
    }

    /// <summary>Describes a network for <paramref name="task"/>; every size is checked.</summary>
    /// <param name="inputSize">Number of input features (at least 1).</param>
    /// <param name="hiddenLayerSizes">Width of each hidden layer, each at least 1; empty for none.</param>
    /// <param name="activations">One activation per hidden layer.</param>
    /// <param name="task">What the network predicts.</param>
    /// <param name="classCount">Number of classes: at least 2 for multiclass, 2 for binary, 0 for regression.</param>
    public MlpArchitecture(int inputSize, IReadOnlyList<int> hiddenLayerSizes, IReadOnlyList<Activation> activations, MlpTask task, int classCount)
    {
        ArgumentNullException.ThrowIfNull(hiddenLayerSizes);
        ArgumentNullException.ThrowIfNull(activations);
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, $"The input size must be at least 1; got {inputSize}.");
        if (!Enum.IsDefined(task)) throw new ArgumentOutOfRangeException(nameof(task), task, $"Unknown task {(int)task}.");
        if (task == MlpTask.Multiclass && classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"The number of classes must be at least 2; got {classCount}.");
        if (task == MlpTask.Binary && classCount != 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"A binary network has 2 classes; got {classCount}.");
        if (task == MlpTask.Regression && classCount != 0) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"A regression network has no classes (0); got {classCount}.");
        if (activations.Count != hiddenLayerSizes.Count)
            throw new ArgumentException($"Expected one activation per hidden layer ({hiddenLayerSizes.Count}); got {activations.Count}.", nameof(activations));
        for (int i = 0; i < hiddenLayerSizes.Count; i++)
        {
            if (hiddenLayerSizes[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(hiddenLayerSizes), hiddenLayerSizes[i], $"Hidden layer {i} must have at least 1 unit; got {hiddenLayerSizes[i]}.");
            if (!Enum.IsDefined(activations[i]))
                throw new ArgumentOutOfRangeException(nameof(activations), activations[i], $"Hidden layer {i} has an unknown activation {(int)activations[i]}.");
        }
        InputSize = inputSize;
        HiddenLayerSizes = hiddenLayerSizes.ToArray();
        HiddenActivations = activations.ToArray();
        ClassCount = classCount;
        Task = task;
    }

    /// <summary>What the network predicts.</summary>
    public MlpTask Task { get; }

    private readonly int _ensembleSize = 1;

    /// <summary>
    /// Members k of a parameter-efficient ensemble (TabM-mini), 1 to <see cref="MlpLimits.MaxEnsembleSize"/>; 1 (the
    /// default) is a plain MLP. With k ≥ 2 each member scales the input by its own vector (k·InputSize
    /// <see cref="ScaleCount"/> parameters), the hidden layers are shared, and the output layer is k heads (k times its
    /// weights and biases); the network predicts the members' mean probability (mean output for regression).
    /// </summary>
    public int EnsembleSize
    {
        get => _ensembleSize;
        init => _ensembleSize = value >= 1 && value <= MlpLimits.MaxEnsembleSize ? value
            : throw new ArgumentOutOfRangeException(nameof(EnsembleSize), value, $"The ensemble size must be in 1..{MlpLimits.MaxEnsembleSize}; got {value}.");
    }
    /// <summary>Width of the output layer: the number of classes for multiclass, 1 for binary (the logit) and regression.</summary>
    public int OutputSize => Task == MlpTask.Multiclass ? ClassCount : 1;

    /// <summary>Number of input features.</summary>
    public int InputSize { get; }

    /// <summary>
    /// The input stage before the first dense layer (periodic embeddings, per-input scale), or null for none: the
    /// first dense layer then takes the features as they are. Checked against <see cref="InputSize"/>.
    /// </summary>
    public InputEmbedding? Embedding
    {
        get => _embedding;
        init
        {
            if (value is not null && value.EmbeddedFeatures.Count > 0 && value.EmbeddedFeatures[^1] >= InputSize)
                throw new ArgumentOutOfRangeException(nameof(Embedding), value.EmbeddedFeatures[^1],
                    $"Embedded feature {value.EmbeddedFeatures[^1]} does not exist: the network takes features 0..{InputSize - 1}.");
            if (value is not null && value.OutputWidth(InputSize) > MlpLimits.MaxFeatureCount)
                throw new ArgumentOutOfRangeException(nameof(Embedding), value.OutputWidth(InputSize),
                    $"The embedded input is {value.OutputWidth(InputSize)} values wide; at most {MlpLimits.MaxFeatureCount} are allowed. Embed fewer features or narrow the embedding.");
            if (value?.PiecewiseLinear is { } bins && bins.Features[^1] >= InputSize)
                throw new ArgumentOutOfRangeException(nameof(Embedding), bins.Features[^1],
                    $"Encoded feature {bins.Features[^1]} does not exist: the network takes features 0..{InputSize - 1}.");
            _embedding = value is null || (!value.IsPeriodic && !value.IsPiecewiseLinear && !value.FeatureScale) ? null : value;
        }
    }

    private readonly InputEmbedding? _embedding;

    /// <summary>Input width of the first dense layer: <see cref="InputSize"/>, widened by the embeddings.</summary>
    public int FirstLayerInputSize => (int)(_embedding?.OutputWidth(InputSize) ?? InputSize);
    /// <summary>Width of each hidden layer.</summary>
    public IReadOnlyList<int> HiddenLayerSizes { get; }
    /// <summary>Activation of each hidden layer.</summary>
    public IReadOnlyList<Activation> HiddenActivations { get; }
    /// <summary>Number of classes: K for multiclass, 2 for binary, 0 for regression.</summary>
    public int ClassCount { get; }
    /// <summary>Number of dense layers, hidden and output.</summary>
    public int LayerCount => HiddenLayerSizes.Count + 1;

    /// <summary>Input width of dense layer <paramref name="layer"/>.</summary>
    public int LayerInputSize(int layer) => layer == 0 ? FirstLayerInputSize : HiddenLayerSizes[layer - 1];
    /// <summary>Output width of dense layer <paramref name="layer"/>.</summary>
    public int LayerOutputSize(int layer) => layer == HiddenLayerSizes.Count ? OutputSize : HiddenLayerSizes[layer];
    /// <summary>Activation of dense layer <paramref name="layer"/>; the output layer's is identity (its outputs are the logits).</summary>
    public Activation LayerActivation(int layer) => layer == HiddenLayerSizes.Count ? Activation.Identity : HiddenActivations[layer];

    /// <summary>Total number of weights (excluding biases); an ensemble's output layer counts once per member.</summary>
    public long WeightCount
    {
        get
        {
            long s = 0;
            for (int l = 0; l < LayerCount; l++) s += (long)LayerInputSize(l) * LayerOutputSize(l) * (l == LayerCount - 1 ? EnsembleSize : 1);
            return s;
        }
    }

    /// <summary>Total number of biases; an ensemble's output biases count once per member.</summary>
    public long BiasCount => HiddenLayerSizes.Sum(h => (long)h) + (long)OutputSize * EnsembleSize;

    /// <summary>An ensemble's per-member input scales, k·InputSize; 0 for a plain network (k = 1).</summary>
    public long ScaleCount => EnsembleSize == 1 ? 0 : (long)EnsembleSize * FirstLayerInputSize;

    /// <summary>Parameters of the input stage (<see cref="Embedding"/>): 0 without one.</summary>
    public long EmbeddingParameterCount => _embedding?.ParameterCount(InputSize) ?? 0;

    /// <summary>Total number of trainable parameters.</summary>
    public long ParameterCount => WeightCount + BiasCount + ScaleCount + EmbeddingParameterCount;

    /// <summary>e.g. "64-100(Relu)-10", "13-64(Relu)-1(Regression)", "13-[periodic 16→3 on 13 features]52-100(Relu)-3", "64-100(Relu)-10 x8 members" (an ensemble).</summary>
    public override string ToString() =>
        string.Join("-", new[] { InputSize.ToString() + (_embedding is null ? "" : $"-[{_embedding}]{FirstLayerInputSize}") }
            .Concat(HiddenLayerSizes.Select((h, i) => $"{h}({HiddenActivations[i]})"))
            .Append(Task == MlpTask.Multiclass ? ClassCount.ToString() : $"1({Task})"))
        + (EnsembleSize == 1 ? "" : $" x{EnsembleSize} members");
}
