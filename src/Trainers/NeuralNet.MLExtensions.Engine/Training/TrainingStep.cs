using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Layers;
using NeuralNet.MLExtensions.Engine.Losses;
using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// One mini-batch: gather its rows, forward (with dropout), fused softmax cross-entropy (with label smoothing),
/// backward, then penalties, norms, clipping and the optimizer step (<see cref="ParameterUpdate"/>).
/// All buffers are allocated once per training run.
/// </summary>
internal sealed class TrainingStep
{
    private const int GatherRows = 16;
    private readonly MlpTrainingSettings _settings;
    private readonly ComputeContext _context;
    private readonly MlpNetwork _network;
    private readonly TrainingWorkspace _workspace;
    private readonly ParameterUpdate _update;
    private readonly TileAction _gatherTile;
    private readonly Dropout?[] _dropout;
    private float[] _gatherFeatures = null!;
    private int[] _gatherLabels = [], _gatherOrder = [];
    private float[]? _gatherWeights;
    private int _gatherStart, _gatherCount;

    public TrainingStep(MlpNetwork network, MlpTrainingSettings settings, Optimizer optimizer, ComputeContext context, int batchCapacity)
    {
        _settings = settings;
        _network = network;
        _context = context;
        _workspace = new TrainingWorkspace(network.Architecture, batchCapacity);
        _update = new ParameterUpdate(network, optimizer, _context, settings.L2Regularization, settings.L1Regularization, settings.GradientClippingNorm);
        _gatherTile = GatherTile;
        _dropout = new Dropout?[network.Layers.Count];
        var rates = settings.DropoutPerLayer();
        for (int l = 0; l < rates.Count; l++)
            if (rates[l] > 0f) _dropout[l] = new Dropout(rates[l], batchCapacity * network.Layers[l].OutputSize);
    }

    /// <summary>
    /// Trains on rows order[start..start+batch) of features: [rows×in], labels: [rows], weights: [rows] or null.
    /// Adds each layer's weight-gradient norm to <paramref name="layerNormSums"/> and the global norm to
    /// <paramref name="normSum"/>; returns the batch's summed (weighted) loss.
    /// </summary>
    public double Run(float[] features, int[] labels, float[]? weights, int[] order, int start, int batch, SeededRandom epochRandom,
        double[] layerNormSums, ref double normSum)
    {
        Gather(features, labels, weights, order, start, batch);
        // The next batch's rows are random lines of a large array: request them now, use them next step.
        int next = Math.Min(batch, order.Length - start - batch);
        if (next > 0) Prefetch.Rows(features, order.AsSpan(start + batch, next), _network.Architecture.InputSize);
        return Step(batch, weights is not null, epochRandom, layerNormSums, ref normSum);
    }

    // The batch's rows, labels and weights into the workspace, in tiles of GatherRows rows spread over the threads.
    private void Gather(float[] features, int[] labels, float[]? weights, int[] order, int start, int count)
    {
        (_gatherFeatures, _gatherLabels, _gatherWeights, _gatherOrder, _gatherStart, _gatherCount) = (features, labels, weights, order, start, count);
        int tiles = (count + GatherRows - 1) / GatherRows;
        _context.Run(tiles, _gatherTile);
        _gatherFeatures = null!;
    }

    private void GatherTile(int tile, int worker)
    {
        int d = _network.Architecture.InputSize;
        Span<float> input = _workspace.Input;
        int i1 = Math.Min(_gatherCount, (tile + 1) * GatherRows);
        for (int i = tile * GatherRows; i < i1; i++)
        {
            int r = _gatherOrder[_gatherStart + i];
            _gatherFeatures.AsSpan(r * d, d).CopyTo(input.Slice(i * d, d));
            _workspace.Labels[i] = _gatherLabels[r];
            if (_gatherWeights is not null) _workspace.Weights[i] = _gatherWeights[r];
        }
    }

    // forward → loss → backward → update. Returns the batch's summed (weighted) loss.
    private double Step(int batch, bool weighted, SeededRandom epochRandom, double[] layerNormSums, ref double normSum)
    {
        var w = _workspace;
        var layers = _network.Layers;
        float[] parameters = _network.ParameterArray;
        int k = _network.Architecture.ClassCount;

        ReadOnlySpan<float> x = w.Input.AsSpan(0, batch * _network.Architecture.InputSize);
        for (int l = 0; l < layers.Count; l++)
        {
            layers[l].Forward(_context, parameters, x, batch, w.Z[l], w.A[l]);
            x = w.A[l].AsSpan(0, batch * layers[l].OutputSize);
            if (_dropout[l] is { } dropout) x = dropout.Forward(x, epochRandom);
        }

        ReadOnlySpan<float> exampleWeights = weighted ? w.Weights.AsSpan(0, batch) : default;
        ReadOnlySpan<int> labels = w.Labels.AsSpan(0, batch);
        double loss = LabelSmoothing.Loss(w.A[^1], batch, k, labels, exampleWeights, _settings.LabelSmoothing);
        loss += SoftmaxCrossEntropy.Forward(w.A[^1], batch, k, labels, exampleWeights, w.Probabilities);
        Span<float> delta = w.DeltaA, other = w.DeltaB;
        SoftmaxCrossEntropy.Backward(w.Probabilities, batch, k, labels, exampleWeights, 1f / batch, delta);
        LabelSmoothing.Backward(batch, k, labels, exampleWeights, 1f / batch, _settings.LabelSmoothing, delta);

        for (int l = layers.Count - 1; l >= 0; l--)
        {
            ReadOnlySpan<float> input = l == 0 ? w.Input : _dropout[l - 1]?.Output ?? w.A[l - 1];
            Span<float> dx = l == 0 ? default : other;
            layers[l].Backward(_context, parameters, w.Gradients, input, w.Z[l], w.A[l], delta, batch, dx);
            Span<float> t = delta;
            delta = other;
            other = t;
            if (l > 0) _dropout[l - 1]?.Backward(delta, batch * layers[l - 1].OutputSize);
        }

        _update.Run(parameters, w.Gradients, layerNormSums, ref normSum);
        return loss;
    }
}
