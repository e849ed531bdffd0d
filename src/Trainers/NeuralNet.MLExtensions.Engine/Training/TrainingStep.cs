using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Losses;
using NeuralNet.MLExtensions.Engine.Modules;
using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// One mini-batch: gather its rows, then forward through the modules (the network's, with dropout after the hidden
/// layers that have a rate; after an ensemble's adapter each module sees k member-rows per row), the loss, backward through the modules in reverse, and the update (penalties, norms,
/// clipping and the optimizer step, <see cref="ParameterUpdate"/>). All buffers are allocated once per training run.
/// </summary>
internal sealed class TrainingStep
{
    private const int GatherRows = 16;
    private readonly ComputeContext _context;
    private readonly MlpNetwork _network;
    private readonly Module[] _modules;
    private readonly ILoss _loss;
    private readonly TrainingWorkspace _workspace;
    private readonly ParameterUpdate _update;
    private readonly TileAction _gatherTile;
    private float[] _gatherFeatures = null!;
    private int[] _gatherLabels = [], _gatherOrder = [];
    private float[]? _gatherWeights, _gatherTargets;
    private int _gatherStart, _gatherCount;

    public TrainingStep(MlpNetwork network, MlpTrainingSettings settings, Optimizer optimizer, ComputeContext context, int batchCapacity)
    {
        _network = network;
        _context = context;
        _modules = WithDropout(network, settings.DropoutPerLayer());
        _loss = TaskLoss.Create(network.Architecture, settings, batchCapacity);
        _workspace = new TrainingWorkspace(network.Architecture.InputSize, _modules, batchCapacity, network.Layout.Count);
        _update = new ParameterUpdate(network.Layout, optimizer, _context, settings.L2Regularization, settings.L1Regularization, settings.GradientClippingNorm);
        _gatherTile = GatherTile;
    }

    /// <summary>The modules a step runs: the network's, each hidden layer followed by dropout when its rate is above 0.</summary>
    private static Module[] WithDropout(MlpNetwork network, IReadOnlyList<float> rates)
    {
        var modules = new List<Module>();
        foreach (var module in network.Modules)
        {
            modules.Add(module);
            if (module is DenseLayer dense && dense.Layer < rates.Count && rates[dense.Layer] > 0f)
                modules.Add(new Dropout(rates[dense.Layer], dense.OutputWidth));
        }
        return [.. modules];
    }

    /// <summary>
    /// Trains on rows order[start..start+batch) of features: [rows×in], labels: [rows], targets: [rows] (regression) or
    /// null, weights: [rows] or null.
    /// Adds each layer's weight-gradient norm to <paramref name="layerNormSums"/> and the global norm to
    /// <paramref name="normSum"/>; returns the batch's summed (weighted) loss.
    /// </summary>
    public double Run(float[] features, int[] labels, float[]? targets, float[]? weights, int[] order, int start, int batch, SeededRandom epochRandom,
        double[] layerNormSums, ref double normSum)
    {
        Gather(features, labels, targets, weights, order, start, batch);
        // The next batch's rows are random lines of a large array: request them now, use them next step.
        int next = Math.Min(batch, order.Length - start - batch);
        if (next > 0) Prefetch.Rows(features, order.AsSpan(start + batch, next), _network.Architecture.InputSize);
        return Step(batch, weights is not null, epochRandom, layerNormSums, ref normSum);
    }

    // The batch's rows, labels and weights into the workspace, in tiles of GatherRows rows spread over the threads.
    private void Gather(float[] features, int[] labels, float[]? targets, float[]? weights, int[] order, int start, int count)
    {
        (_gatherFeatures, _gatherLabels, _gatherWeights, _gatherOrder, _gatherStart, _gatherCount) = (features, labels, weights, order, start, count);
        int tiles = (count + GatherRows - 1) / GatherRows;
        _gatherTargets = targets;
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
            if (_gatherTargets is not null) _workspace.Targets[i] = _gatherTargets[r];
        }
    }

    // forward → loss → backward → update. Returns the batch's summed (weighted) loss.
    private double Step(int batch, bool weighted, SeededRandom epochRandom, double[] layerNormSums, ref double normSum)
    {
        var w = _workspace;
        var pass = new ModulePass(_context, _network.ParameterArray, w.Gradients, epochRandom);

        ReadOnlySpan<float> x = w.Input.AsSpan(0, batch * _network.Architecture.InputSize);
        for (int m = 0; m < _modules.Length; m++)
        {
            Span<float> y = w.Output(m, batch);
            _modules[m].Forward(pass, x, w.RowsIn(m, batch), w.SavedValues(m, batch), y);
            x = y;
        }

        ReadOnlySpan<float> exampleWeights = weighted ? w.Weights.AsSpan(0, batch) : default;
        ReadOnlySpan<int> labels = w.Labels.AsSpan(0, batch);
        ReadOnlySpan<float> targets = w.Targets.AsSpan(0, batch);
        double loss = _loss.Forward(x, batch, labels, targets, exampleWeights);
        Span<float> dy = w.DeltaA, dx = w.DeltaB;
        _loss.Backward(batch, labels, targets, exampleWeights, 1f / batch, dy);

        for (int m = _modules.Length - 1; m >= 0; m--)
        {
            ReadOnlySpan<float> input = m == 0 ? w.Input.AsSpan(0, batch * _network.Architecture.InputSize) : w.Output(m - 1, batch);
            _modules[m].Backward(pass, input, w.Output(m, batch), w.SavedValues(m, batch), dy, w.RowsIn(m, batch), m == 0 ? default : dx);
            Span<float> swap = dy;
            dy = dx;
            dx = swap;
        }

        _update.Run(pass.Parameters, w.Gradients, layerNormSums, ref normSum);
        return loss;
    }
}
