using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Layers;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// A multilayer perceptron: dense layers h = act(W·x + b), the last one giving the K logits, and a softmax over them.
/// Parameters live in one flat buffer: every layer's weights first (layer by layer, each [out×in] row-major), then
/// every layer's biases. Instances handed to users are read-only views; training works on its own copy.
/// </summary>
public sealed class MlpNetwork
{
    private readonly DenseLayer[] _layers;
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
        _layers = new DenseLayer[architecture.LayerCount];
        int w = 0, b = checked((int)architecture.WeightCount);
        for (int l = 0; l < _layers.Length; l++)
        {
            int input = architecture.LayerInputSize(l), output = architecture.LayerOutputSize(l);
            _layers[l] = new DenseLayer(input, output, architecture.LayerActivation(l), w, b);
            w += input * output;
            b += output;
        }
    }

    /// <summary>The shape of the network.</summary>
    public MlpArchitecture Architecture { get; }

    /// <summary>All parameters: weights of every layer, then biases of every layer.</summary>
    public ReadOnlySpan<float> Parameters => _parameters;

    internal float[] ParameterArray => _parameters;
    internal IReadOnlyList<DenseLayer> Layers => _layers;
    internal int WeightCount => (int)Architecture.WeightCount;

    /// <summary>Weights of dense layer <paramref name="layer"/> as a new [out, in] matrix.</summary>
    public float[,] GetWeights(int layer)
    {
        DenseLayer d = Layer(layer);
        var m = new float[d.OutputSize, d.InputSize];
        ReadOnlySpan<float> w = d.Weights(_parameters);
        for (int o = 0; o < d.OutputSize; o++)
            for (int i = 0; i < d.InputSize; i++) m[o, i] = w[o * d.InputSize + i];
        return m;
    }

    /// <summary>Biases of dense layer <paramref name="layer"/> as a new array of its output width.</summary>
    public float[] GetBiases(int layer) => Layer(layer).Bias(_parameters).ToArray();

    /// <summary>A copy of this network whose parameters can be changed independently.</summary>
    public MlpNetwork Clone() => new(Architecture, _parameters, copy: true);

    /// <summary>
    /// Runs the network on <paramref name="batch"/> rows. input: [batch×in] → logits or probabilities: [batch×K]
    /// (probabilities when <paramref name="softmax"/>). Uses and grows <paramref name="workspace"/>.
    /// </summary>
    internal void Forward(ComputeContext context, ReadOnlySpan<float> input, int batch, ForwardWorkspace workspace, Span<float> output, bool softmax)
    {
        int k = Architecture.ClassCount;
        if (output.Length < batch * k)
            throw new ArgumentException($"Output must hold [{batch}×{k}] values; got {output.Length}.", nameof(output));
        ForwardThrough(context, input, batch, workspace, _layers.Length - 1, output);
        if (softmax)
            for (int r = 0; r < batch; r++)
            {
                Span<float> row = output.Slice(r * k, k);
                Losses.SoftmaxCrossEntropy.Softmax(row, row, out _);
            }
    }

    /// <summary>
    /// Runs layers 0..<paramref name="lastLayer"/> on <paramref name="batch"/> rows. input: [batch×in] → output:
    /// [batch×width of lastLayer], its activations (the logits for the output layer).
    /// </summary>
    internal void ForwardThrough(ComputeContext context, ReadOnlySpan<float> input, int batch, ForwardWorkspace workspace, int lastLayer, Span<float> output)
    {
        DenseLayer final = Layer(lastLayer);
        if (output.Length < batch * final.OutputSize)
            throw new ArgumentException($"Output must hold [{batch}×{final.OutputSize}] values; got {output.Length}.", nameof(output));
        ReadOnlySpan<float> x = input;
        workspace.Ensure(this, batch);
        for (int l = 0; l <= lastLayer; l++)
        {
            DenseLayer d = _layers[l];
            Span<float> z = l == lastLayer ? output[..(batch * d.OutputSize)] : workspace.Buffer(l).AsSpan(0, batch * d.OutputSize);
            d.Forward(context, _parameters, x, batch, z, z, workspace.TransposedWeights(l));
            x = z;
        }
    }

    /// <summary>Class probabilities for one row. features: [in] → probabilities: [K].</summary>
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
