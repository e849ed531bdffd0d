using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// A multilayer perceptron: dense layers h = act(W·x + b), the last one giving the K logits, and a softmax over them.
/// Parameters live in one flat buffer: every layer's weights first (layer by layer, each [out×in] row-major), then
/// every layer's biases, then an ensemble's input scales, then the input stage's (<see cref="MlpArchitecture.Embedding"/>:
/// periodic embeddings, then per-input scales), whose modules run before the first dense layer. An ensemble
/// (<see cref="MlpArchitecture.EnsembleSize"/> k ≥ 2, TabM-mini) has k output heads in place of the output layer (their
/// weights [k×out×in] and biases [k×out] where the output layer's were) and the members' scales [k×in] of the first
/// dense layer's input after the biases. Instances handed to users are read-only views; training works on its own copy.
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
        // Each module registers its blocks in sequence order; the layout places all weights before all biases (and an
        // ensemble's scales last). An ensemble (k ≥ 2) runs adapter → shared hidden layers → k heads.
        int k = architecture.EnsembleSize, count = architecture.LayerCount, dense = k == 1 ? count : count - 1;
        var blocks = new List<ParameterBlock>();
        var firstBlock = new int[count];
        for (int l = 0; l < count; l++)
        {
            firstBlock[l] = blocks.Count;
            blocks.AddRange(l < dense
                ? DenseLayer.Blocks(l, architecture.LayerInputSize(l), architecture.LayerOutputSize(l))
                : EnsembleHeads.Blocks(l, k, architecture.LayerInputSize(l), architecture.LayerOutputSize(l)));
        }
        int adapterBlock = blocks.Count;
        if (k > 1) blocks.Add(EnsembleAdapter.Block(k, architecture.FirstLayerInputSize));
        var embedding = architecture.Embedding;
        int embeddingBlock = blocks.Count;
        if (embedding is { IsPeriodic: true }) blocks.AddRange(PeriodicEmbedding.Blocks(embedding.EmbeddedFeatures.Count, embedding.Frequencies, embedding.EmbeddingWidth));
        int scaleBlock = blocks.Count;
        if (embedding is { FeatureScale: true }) blocks.AddRange(FeatureScaleLayer.Blocks(architecture.FirstLayerInputSize));
        Layout = new ParameterLayout(blocks);
        _layers = new DenseLayer[dense];
        for (int l = 0; l < dense; l++)
            _layers[l] = new DenseLayer(architecture.LayerInputSize(l), architecture.LayerOutputSize(l), architecture.LayerActivation(l),
                weights: Layout.Ranges[firstBlock[l]], bias: Layout.Ranges[firstBlock[l] + 1]);
        // Scoring order: periodic embedding or piecewise-linear encoding → per-input scale → ensemble adapter → dense layers → ensemble heads.
        var modules = new List<Module>();
        if (embedding is { IsPeriodic: true })
            modules.Add(Embedding = new PeriodicEmbedding(architecture.InputSize, embedding.EmbeddedFeatures, embedding.Frequencies, embedding.EmbeddingWidth,
                [.. Layout.Ranges.Skip(embeddingBlock).Take(4)]));
        if (embedding?.PiecewiseLinear is { } bins)
            modules.Add(PiecewiseLinear = new PiecewiseLinearEmbedding(architecture.InputSize, bins));
        if (embedding is { FeatureScale: true })
            modules.Add(Scale = new FeatureScaleLayer(architecture.FirstLayerInputSize, Layout.Ranges[scaleBlock]));
        if (k > 1)
        {
            Heads = new EnsembleHeads(k, architecture.LayerInputSize(count - 1), architecture.OutputSize,
                weights: Layout.Ranges[firstBlock[count - 1]], bias: Layout.Ranges[firstBlock[count - 1] + 1]);
            modules.Add(Adapter = new EnsembleAdapter(k, architecture.FirstLayerInputSize, Layout.Ranges[adapterBlock]));
        }
        modules.AddRange(_layers);
        if (Heads is not null) modules.Add(Heads);
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

    /// <summary>The piecewise-linear encodings before the first dense layer, or null.</summary>
    internal PiecewiseLinearEmbedding? PiecewiseLinear { get; }

    /// <summary>The per-input scale before the first dense layer, or null.</summary>
    internal FeatureScaleLayer? Scale { get; }

    /// <summary>The dense layers, first to last (an ensemble's hidden layers only: its output layer is <see cref="Heads"/>).</summary>
    internal IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>An ensemble's input adapter (the module before the first dense layer), or null for a plain network.</summary>
    internal EnsembleAdapter? Adapter { get; }

    /// <summary>An ensemble's output heads (the last module), or null for a plain network.</summary>
    internal EnsembleHeads? Heads { get; }

    /// <summary>Where each module's parameters sit in <see cref="Parameters"/>.</summary>
    internal ParameterLayout Layout { get; }

    internal int WeightCount => Layout.WeightCount;

    /// <summary>
    /// Weights of dense layer <paramref name="layer"/> as a new [out, in] matrix. For an ensemble's output layer
    /// (its k heads) use <see cref="GetHeadWeights"/>.
    /// </summary>
    public float[,] GetWeights(int layer)
    {
        DenseLayer d = Layer(layer);
        var m = new float[d.OutputWidth, d.InputWidth];
        ReadOnlySpan<float> w = d.Weights(_parameters);
        for (int o = 0; o < d.OutputWidth; o++)
            for (int i = 0; i < d.InputWidth; i++) m[o, i] = w[o * d.InputWidth + i];
        return m;
    }

    /// <summary>Biases of dense layer <paramref name="layer"/> as a new array of its output width (for an ensemble's heads, <see cref="GetHeadBiases"/>).</summary>
    public float[] GetBiases(int layer) => Layer(layer).Bias(_parameters).ToArray();

    /// <summary>An ensemble's input scale vector of member <paramref name="member"/> (0..EnsembleSize−1), [first dense layer's input size].</summary>
    public float[] GetMemberScales(int member) =>
        EnsembleRange(Adapter?.ScaleRange, member, Architecture.FirstLayerInputSize).ToArray();

    /// <summary>An ensemble's output head of member <paramref name="member"/> as a new [out, in] matrix.</summary>
    public float[,] GetHeadWeights(int member)
    {
        int n = Architecture.OutputSize, d = Architecture.LayerInputSize(Architecture.LayerCount - 1);
        ReadOnlySpan<float> w = EnsembleRange(Heads?.WeightRange, member, n * d);
        var m = new float[n, d];
        for (int o = 0; o < n; o++)
            for (int i = 0; i < d; i++) m[o, i] = w[o * d + i];
        return m;
    }

    /// <summary>An ensemble's output biases of member <paramref name="member"/>, [OutputSize].</summary>
    public float[] GetHeadBiases(int member) => EnsembleRange(Heads?.BiasRange, member, Architecture.OutputSize).ToArray();

    private ReadOnlySpan<float> EnsembleRange(ParameterRange? range, int member, int length)
    {
        if (range is not { } r)
            throw new InvalidOperationException($"Network {Architecture} is not an ensemble (EnsembleSize 1): use GetWeights and GetBiases.");
        if ((uint)member >= (uint)Architecture.EnsembleSize)
            throw new ArgumentOutOfRangeException(nameof(member), member, $"The ensemble has members 0..{Architecture.EnsembleSize - 1}; got {member}.");
        return r.Of(_parameters).Slice(member * length, length);
    }

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
        ForwardThrough(context, input, batch, workspace, Architecture.LayerCount - 1, output);
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
    /// No backward follows, so each module works without a saved buffer (a dense layer forms z in place). An ensemble's
    /// k member-rows per row are combined (<see cref="MemberMean"/>): the output layer gives the logits of the mean
    /// probability (the mean output for regression), a hidden layer the members' mean activation.
    /// </summary>
    internal void ForwardThrough(ComputeContext context, ReadOnlySpan<float> input, int batch, ForwardWorkspace workspace, int lastLayer, Span<float> output)
    {
        int k = Architecture.EnsembleSize;
        bool toOutput = lastLayer == Architecture.LayerCount - 1;
        Module final = toOutput && Heads is not null ? Heads : Layer(lastLayer);
        int size = BufferSize.Of(batch, final.OutputWidth, "Network output");
        if (output.Length < size)
            throw new ArgumentException($"Output must hold [{batch}×{final.OutputWidth}] values; got {output.Length}.", nameof(output));
        int last = Array.IndexOf(_modules, final);
        workspace.Ensure(this, batch, context.Threads);
        var pass = new ModulePass(context, _parameters, workspace.TransposedWeights, workspace.PartWeightsFor(context.Threads));   // a dense layer takes them only for one row
        ReadOnlySpan<float> x = input;
        int rows = batch;
        for (int m = 0; m <= last; m++)
        {
            Span<float> y = m == last && k == 1 ? output[..size] : workspace.Output(m, batch);
            _modules[m].Forward(pass, x, rows, saved: default, y);
            rows *= _modules[m].RowsPerInputRow;
            x = y;
        }
        if (k == 1) return;
        if (toOutput) MemberMean.Outputs(Architecture.Task, x, batch, k, final.OutputWidth, output[..size]);
        else MemberMean.Activations(x, batch, k, final.OutputWidth, output[..size]);
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
        if (Heads is not null && layer == _layers.Length)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"Layer {layer} of ensemble {Architecture} is its {Architecture.EnsembleSize} output heads: use GetHeadWeights and GetHeadBiases.");
        if ((uint)layer >= (uint)_layers.Length)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"The network has layers 0..{_layers.Length - 1}.");
        return _layers[layer];
    }
}
