using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// A multilayer perceptron: dense layers h = act(W·x + b), the last one giving the K logits, and a softmax over them.
/// Parameters live in one flat buffer: every layer's weights first (layer by layer, each [out×in] row-major), then
/// every layer's biases, then the input stage's (<see cref="MlpArchitecture.Embedding"/>: periodic embeddings, then
/// per-input scales), whose modules run before the first dense layer. Instances handed to users are read-only views;
/// training works on its own copy.
/// </summary>
public sealed class MlpNetwork
{
    private readonly DenseLayer[] _layers;
    private readonly Module[] _modules;
    private readonly float[] _parameters;

    /// <summary>A network of <paramref name="architecture"/> with the given parameters (copied).</summary>
    /// <exception cref="ArgumentException">The parameter count does not match the architecture.</exception>
    public MlpNetwork(MlpArchitecture architecture, ReadOnlySpan<float> parameters)
        : this(architecture, parameters.ToArray(), copy: false)
    {
    }

    internal MlpNetwork(MlpArchitecture architecture, float[] parameters, bool copy)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (parameters.LongLength != architecture.ParameterCount)
            throw new ArgumentException($"Architecture {architecture} has {architecture.ParameterCount} parameters; got {parameters.LongLength}.", nameof(parameters));
        Architecture = architecture;
        _parameters = copy ? (float[])parameters.Clone() : parameters;
        // Each dense layer registers its blocks (W, then b); the layout places all weights before all biases.
        int count = architecture.LayerCount;
        var blocks = new List<ParameterBlock>();
        var firstBlock = new int[count];
        for (int l = 0; l < count; l++)
        {
            firstBlock[l] = blocks.Count;
            blocks.AddRange(DenseLayer.Blocks(l, architecture.LayerInputSize(l), architecture.LayerOutputSize(l)));
        }
        var embedding = architecture.Embedding;
        int embeddingBlock = blocks.Count;
        if (embedding is { IsPeriodic: true }) blocks.AddRange(PeriodicEmbedding.Blocks(embedding.EmbeddedFeatures.Count, embedding.Frequencies, embedding.EmbeddingWidth));
        int scaleBlock = blocks.Count;
        if (embedding is { FeatureScale: true }) blocks.AddRange(FeatureScaleLayer.Blocks(architecture.FirstLayerInputSize));
        Layout = new ParameterLayout(blocks);
        _layers = new DenseLayer[count];
        for (int l = 0; l < count; l++)
            _layers[l] = new DenseLayer(architecture.LayerInputSize(l), architecture.LayerOutputSize(l), architecture.LayerActivation(l),
                weights: Layout.Ranges[firstBlock[l]], bias: Layout.Ranges[firstBlock[l] + 1]);
        var modules = new List<Module>();
        if (embedding is { IsPeriodic: true })
            modules.Add(Embedding = new PeriodicEmbedding(architecture.InputSize, embedding.EmbeddedFeatures, embedding.Frequencies, embedding.EmbeddingWidth,
                [.. Layout.Ranges.Skip(embeddingBlock).Take(4)]));
        if (embedding is { FeatureScale: true })
            modules.Add(Scale = new FeatureScaleLayer(architecture.FirstLayerInputSize, Layout.Ranges[scaleBlock]));
        modules.AddRange(_layers);
        _modules = [.. modules];
    }

    /// <summary>The shape of the network.</summary>
    public MlpArchitecture Architecture { get; }

    /// <summary>All parameters: weights of every layer, then biases of every layer, then the input stage's (see <see cref="MlpArchitecture.Embedding"/>).</summary>
    public ReadOnlySpan<float> Parameters => _parameters;

    internal float[] ParameterArray => _parameters;

    /// <summary>The modules scoring runs, in order (training adds its training-only modules, such as dropout).</summary>
    internal IReadOnlyList<Module> Modules => _modules;

    /// <summary>The periodic embeddings before the first dense layer, or null.</summary>
    internal PeriodicEmbedding? Embedding { get; }

    /// <summary>The per-input scale before the first dense layer, or null.</summary>
    internal FeatureScaleLayer? Scale { get; }

    /// <summary>The dense layers, first to last.</summary>
    internal IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>Where each module's parameters sit in <see cref="Parameters"/>.</summary>
    internal ParameterLayout Layout { get; }

    internal int WeightCount => Layout.WeightCount;

    /// <summary>Weights of dense layer <paramref name="layer"/> as a new [out, in] matrix.</summary>
    public float[,] GetWeights(int layer)
    {
        DenseLayer d = Layer(layer);
        var m = new float[d.OutputWidth, d.InputWidth];
        ReadOnlySpan<float> w = d.Weights(_parameters);
        for (int o = 0; o < d.OutputWidth; o++)
            for (int i = 0; i < d.InputWidth; i++) m[o, i] = w[o * d.InputWidth + i];
        return m;
    }

    /// <summary>Biases of dense layer <paramref name="layer"/> as a new array of its output width.</summary>
    public float[] GetBiases(int layer) => Layer(layer).Bias(_parameters).ToArray();

    /// <summary>A copy of this network whose parameters can be changed independently.</summary>
    public MlpNetwork Clone() => new(Architecture, _parameters, copy: true);

    /// <summary>
    /// Runs the network on <paramref name="batch"/> rows. input: [batch×in] → outputs: [batch×OutputSize], the logits
    /// (the regression output), or with <paramref name="softmax"/> the probabilities: softmax over K logits, σ of a
    /// binary logit (a regression output stays as it is). Uses and grows <paramref name="workspace"/>.
    /// </summary>
    internal void Forward(ComputeContext context, ReadOnlySpan<float> input, int batch, ForwardWorkspace workspace, Span<float> output, bool softmax)
    {
        int k = Architecture.OutputSize;
        ForwardThrough(context, input, batch, workspace, _layers.Length - 1, output);
        if (softmax && Architecture.Task == MlpTask.Binary)
            for (int r = 0; r < batch; r++) output[r] = Losses.LogisticLoss.Sigmoid(output[r]);
        else if (softmax && Architecture.Task == MlpTask.Multiclass)
            for (int r = 0; r < batch; r++)
            {
                Span<float> row = output.Slice(r * k, k);
                Losses.SoftmaxCrossEntropy.Softmax(row, row, out _);
            }
    }

    /// <summary>
    /// Runs the modules (the input stage's, then the dense layers) up to and including dense layer
    /// <paramref name="lastLayer"/> on <paramref name="batch"/> rows.
    /// input: [batch×in] → output: [batch×width of lastLayer], its activations (the logits for the output layer).
    /// No backward follows, so each module works without a saved buffer (a dense layer forms z in place).
    /// </summary>
    internal void ForwardThrough(ComputeContext context, ReadOnlySpan<float> input, int batch, ForwardWorkspace workspace, int lastLayer, Span<float> output)
    {
        DenseLayer final = Layer(lastLayer);
        int size = BufferSize.Of(batch, final.OutputWidth, "Network output");
        if (output.Length < size)
            throw new ArgumentException($"Output must hold [{batch}×{final.OutputWidth}] values; got {output.Length}.", nameof(output));
        int last = Array.IndexOf(_modules, final);
        workspace.Ensure(this, batch);
        var pass = new ModulePass(context, _parameters, workspace.TransposedWeights);
        ReadOnlySpan<float> x = input;
        for (int m = 0; m <= last; m++)
        {
            Span<float> y = m == last ? output[..size] : workspace.Output(m, batch);
            _modules[m].Forward(pass, x, batch, saved: default, y);
            x = y;
        }
    }

    /// <summary>
    /// Probabilities for one row. features: [in] → probabilities: [K] (multiclass), [1] the probability of class 1
    /// (binary), or [1] the standardised output (regression).
    /// </summary>
    public void Predict(ReadOnlySpan<float> features, Span<float> probabilities)
    {
        if (features.Length != Architecture.InputSize)
            throw new ArgumentException($"Expected {Architecture.InputSize} features; got {features.Length}.", nameof(features));
        Forward(ComputeContext.SingleThreaded(), features, 1, new ForwardWorkspace(), probabilities, softmax: true);
    }

    private DenseLayer Layer(int layer)
    {
        if ((uint)layer >= (uint)_layers.Length)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The network has layers 0..{_layers.Length - 1}.");
        return _layers[layer];
    }
}
