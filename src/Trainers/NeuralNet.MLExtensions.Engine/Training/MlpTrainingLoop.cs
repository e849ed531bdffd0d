using System.Diagnostics;
using System.Numerics.Tensors;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Losses;
using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Mini-batch training: a fresh shuffle every epoch, the last partial batch used, forward, fused softmax
/// cross-entropy, backward, L2 penalty, optimizer step; stops after the maximum number of epochs or when the training
/// loss stops improving.
/// </summary>
internal sealed class MlpTrainingLoop : IDisposable
{
    private readonly MlpTrainingSettings _settings;
    private readonly ComputeContext _context;
    private readonly MlpNetwork _network;
    private readonly Optimizer _optimizer;
    private readonly TrainingWorkspace _workspace;
    private readonly ParameterUpdate _update;
    private const int GatherRows = 16;
    private readonly TileAction _gatherTile;
    private float[] _gatherFeatures = null!;
    private int[] _gatherLabels = [], _gatherOrder = [];
    private float[]? _gatherWeights;
    private int _gatherStart, _gatherCount;

    public MlpTrainingLoop(MlpNetwork network, MlpTrainingSettings settings, int batchCapacity)
    {
        _settings = settings;
        _network = network;
        _context = new ComputeContext(settings.NumberOfThreads);
        _optimizer = Optimizer.Create(settings.Optimizer, network.ParameterArray.Length, new OptimizerSettings(
            settings.LearningRate, settings.Momentum, settings.Nesterov, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay));
        _workspace = new TrainingWorkspace(network.Architecture, batchCapacity);
        _update = new ParameterUpdate(network, _optimizer, _context, settings.L2Regularization);
        _gatherTile = GatherTile;
    }

    internal Optimizer Optimizer => _optimizer;

    /// <summary>Stops the kernel worker threads now (they would also stop after a few idle seconds).</summary>
    public void Dispose() => _context.Dispose();

    /// <summary>
    /// Trains on standardised rows. features: [rows×in], labels: [rows] in 0..K−1, exampleWeights: [rows] or null.
    /// </summary>
    public MlpTrainingResult Run(float[] features, int rows, int[] labels, float[]? exampleWeights, FeatureStandardizer? standardizer, SeededRandom random)
    {
        var history = new List<EpochReport>();
        var clock = Stopwatch.StartNew();
        var order = new int[rows];
        for (int i = 0; i < rows; i++) order[i] = i;
        int batchSize = Math.Min(_settings.BatchSize, rows);
        double best = double.PositiveInfinity;
        int stale = 0;
        StopReason reason = StopReason.MaximumEpochsReached;
        int layerCount = _network.Layers.Count;
        var layerNormSums = new double[layerCount];

        for (int epoch = 1; epoch <= _settings.MaximumNumberOfEpochs; epoch++)
        {
            random.Shuffle(order);
            double lossSum = 0, normSum = 0;
            Array.Clear(layerNormSums);
            int batches = 0;
            for (int start = 0; start < rows; start += batchSize)
            {
                int batch = Math.Min(batchSize, rows - start);
                Gather(features, labels, exampleWeights, order, start, batch);
                // The next batch's rows are random lines of a large array: request them now, use them next step.
                int next = Math.Min(batchSize, rows - start - batch);
                if (next > 0) Prefetch.Rows(features, order.AsSpan(start + batch, next), _network.Architecture.InputSize);
                lossSum += Step(batch, exampleWeights is not null, layerNormSums, ref normSum);
                batches++;
                _settings.CancellationToken.ThrowIfCancellationRequested();
            }
            double loss = lossSum / rows + L2Penalty();
            if (!double.IsFinite(loss))
                throw new ArithmeticException(
                    $"Training diverged in epoch {epoch}: the training loss is {loss}. Lower LearningRate (now {_optimizer.LearningRate}) or use a smaller BatchSize.");
            var layerNorms = new double[layerCount];
            for (int l = 0; l < layerCount; l++) layerNorms[l] = layerNormSums[l] / batches;
            var report = new EpochReport(epoch, loss, _optimizer.LearningRate, normSum / batches, layerNorms, clock.Elapsed);
            history.Add(report);
            _settings.EpochCompleted?.Invoke(report);

            stale = loss > best - _settings.ConvergenceTolerance ? stale + 1 : 0;
            if (loss < best) best = loss;
            if (stale >= _settings.ConvergencePatience)
            {
                reason = StopReason.TrainingLossConverged;
                break;
            }
        }
        return new MlpTrainingResult(_network, standardizer, history, reason);
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

    // One mini-batch: forward, loss, backward, then L2 penalty, norms and update in one pass. Returns the batch's summed (weighted) loss.
    private double Step(int batch, bool weighted, double[] layerNormSums, ref double normSum)
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
        }

        ReadOnlySpan<float> exampleWeights = weighted ? w.Weights.AsSpan(0, batch) : default;
        ReadOnlySpan<int> labels = w.Labels.AsSpan(0, batch);
        double loss = SoftmaxCrossEntropy.Forward(w.A[^1], batch, k, labels, exampleWeights, w.Probabilities);
        Span<float> delta = w.DeltaA, other = w.DeltaB;
        SoftmaxCrossEntropy.Backward(w.Probabilities, batch, k, labels, exampleWeights, 1f / batch, delta);

        for (int l = layers.Count - 1; l >= 0; l--)
        {
            ReadOnlySpan<float> input = l == 0 ? w.Input : w.A[l - 1];
            Span<float> dx = l == 0 ? default : other;
            layers[l].Backward(_context, parameters, w.Gradients, input, w.Z[l], w.A[l], delta, batch, dx);
            Span<float> t = delta;
            delta = other;
            other = t;
        }

        _update.Run(parameters, w.Gradients, layerNormSums, ref normSum);
        return loss;
    }

    private double L2Penalty()
    {
        if (_settings.L2Regularization == 0f) return 0;
        var weights = _network.ParameterArray.AsSpan(0, _network.WeightCount);
        return 0.5 * _settings.L2Regularization * TensorPrimitives.Dot(weights, weights);
    }
}
