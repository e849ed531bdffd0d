using System.Diagnostics;
using System.Numerics.Tensors;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Layers;
using NeuralNet.MLExtensions.Engine.Losses;
using NeuralNet.MLExtensions.Engine.Optimizers;
using NeuralNet.MLExtensions.Engine.Schedules;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Mini-batch training: a fresh shuffle every epoch, the last partial batch used, forward (with dropout), fused softmax
/// cross-entropy (with label smoothing), backward, L2 and L1 penalties, gradient clipping, optimizer step at the
/// scheduled rate; stops after the maximum number of epochs, when the training loss stops improving, or when the
/// validation metric stops improving (early stopping).
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
    private readonly Dropout?[] _dropout;
    private SeededRandom _epochRandom;

    public MlpTrainingLoop(MlpNetwork network, MlpTrainingSettings settings, int batchCapacity)
    {
        _settings = settings;
        _network = network;
        _context = new ComputeContext(settings.NumberOfThreads);
        _optimizer = Optimizer.Create(settings.Optimizer, network.ParameterArray.Length, new OptimizerSettings(
            settings.LearningRate, settings.Momentum, settings.Nesterov, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay));
        _workspace = new TrainingWorkspace(network.Architecture, batchCapacity);
        _update = new ParameterUpdate(network, _optimizer, _context, settings.L2Regularization, settings.L1Regularization, settings.GradientClippingNorm);
        _gatherTile = GatherTile;
        _dropout = new Dropout?[network.Layers.Count];
        var rates = settings.DropoutPerLayer();
        for (int l = 0; l < rates.Count; l++)
            if (rates[l] > 0f) _dropout[l] = new Dropout(rates[l], batchCapacity * network.Layers[l].OutputSize);
        _epochRandom = SeededRandom.Derive(settings.Seed, 0);
    }

    internal Optimizer Optimizer => _optimizer;

    /// <summary>Stops the kernel worker threads now (they would also stop after a few idle seconds).</summary>
    public void Dispose() => _context.Dispose();

    /// <summary>
    /// Trains on standardised rows. features: [rows×in], labels: [rows] in 0..K−1, exampleWeights: [rows] or null.
    /// </summary>
    public MlpTrainingResult Run(float[] features, int rows, int[] labels, float[]? exampleWeights, FeatureStandardizer? standardizer, SeededRandom random) =>
        Run(features, rows, labels, exampleWeights, standardizer, random.Seed, validation: null, resume: null, priorHistory: []);

    /// <summary>
    /// As above, measuring <paramref name="validation"/> after every epoch (for early stopping and reduce-on-plateau),
    /// and continuing from <paramref name="resume"/> (optimizer state, schedule, epoch count) when given. Epoch e
    /// shuffles and draws dropout masks from a source derived from (seed, e) alone, so a resumed run matches an
    /// uninterrupted one.
    /// </summary>
    public MlpTrainingResult Run(float[] features, int rows, int[] labels, float[]? exampleWeights, FeatureStandardizer? standardizer,
        int seed, ValidationEvaluator? validation, TrainingCheckpoint? resume, IReadOnlyList<EpochReport> priorHistory)
    {
        var history = new List<EpochReport>(priorHistory);
        var clock = Stopwatch.StartNew();
        var order = new int[rows];
        int batchSize = Math.Min(_settings.BatchSize, rows);
        int firstEpoch = resume?.EpochsCompleted ?? 0, lastEpoch = firstEpoch + _settings.MaximumNumberOfEpochs;
        var schedule = LearningRateSchedule.Create(_settings, lastEpoch);
        var convergence = new LossConvergence(_settings.ConvergenceTolerance, _settings.ConvergencePatience);
        if (resume is not null) Restore(resume, schedule, convergence);
        var early = validation is null || _settings.EarlyStoppingMetric == EarlyStoppingMetric.None ? null
            : new EarlyStopping(_settings.EarlyStoppingMetric, _settings.EarlyStoppingPatience, _settings.EarlyStoppingMinimumImprovement);
        (float[] Parameters, TrainingCheckpoint Checkpoint)? best = null;
        StopReason reason = StopReason.MaximumEpochsReached;
        int layerCount = _network.Layers.Count, epoch = firstEpoch;
        var layerNormSums = new double[layerCount];

        while (epoch < lastEpoch)
        {
            epoch++;
            _optimizer.LearningRate = schedule.Rate(epoch - 1);
            _epochRandom = SeededRandom.Derive(seed, epoch);
            for (int i = 0; i < rows; i++) order[i] = i;
            _epochRandom.Shuffle(order);
            double lossSum = 0, normSum = 0;
            Array.Clear(layerNormSums);
            int batches = 0;
            for (int start = 0; start < rows; start += batchSize)
            {
                ThrowIfCancellationRequested();
                int batch = Math.Min(batchSize, rows - start);
                Gather(features, labels, exampleWeights, order, start, batch);
                // The next batch's rows are random lines of a large array: request them now, use them next step.
                int next = Math.Min(batchSize, rows - start - batch);
                if (next > 0) Prefetch.Rows(features, order.AsSpan(start + batch, next), _network.Architecture.InputSize);
                double batchLoss = Step(batch, exampleWeights is not null, layerNormSums, ref normSum);
                if (!double.IsFinite(batchLoss) || !double.IsFinite(normSum)) throw Diverged(epoch, batches + 1, batchLoss);
                lossSum += batchLoss;
                batches++;
            }
            double loss = lossSum / rows + L2Penalty() + L1Penalty.Value(_network.ParameterArray.AsSpan(0, _network.WeightCount), _settings.L1Regularization);
            if (!double.IsFinite(loss)) throw Diverged(epoch, batches, loss);
            var layerNorms = new double[layerCount];
            for (int l = 0; l < layerCount; l++) layerNorms[l] = layerNormSums[l] / batches;
            (double Loss, double Accuracy)? measured = validation?.Evaluate(_network, _context);
            var report = new EpochReport(epoch, loss, _optimizer.LearningRate, normSum / batches, layerNorms, clock.Elapsed)
            {
                ValidationLoss = measured?.Loss,
                ValidationAccuracy = measured?.Accuracy,
            };
            history.Add(report);
            _settings.EpochCompleted?.Invoke(report);

            schedule.EndOfEpoch(measured?.Loss ?? loss);
            bool converged = convergence.Observe(loss);
            if (early is not null && early.Observe(epoch, measured!.Value.Loss, measured.Value.Accuracy) && _settings.RestoreBestWeights)
                best = ((float[])_network.ParameterArray.Clone(), Capture(epoch, schedule, convergence));
            if (early is { ShouldStop: true })
            {
                reason = StopReason.EarlyStopping;
                break;
            }
            if (converged)
            {
                reason = StopReason.TrainingLossConverged;
                break;
            }
        }

        if (best is { } kept && kept.Checkpoint.EpochsCompleted != epoch)
        {
            kept.Parameters.CopyTo(_network.ParameterArray, 0);
            return new MlpTrainingResult(_network, standardizer, history, reason) { BestEpoch = kept.Checkpoint.EpochsCompleted, Checkpoint = kept.Checkpoint };
        }
        return new MlpTrainingResult(_network, standardizer, history, reason) { BestEpoch = epoch, Checkpoint = Capture(epoch, schedule, convergence) };
    }

    private void ThrowIfCancellationRequested()
    {
        _settings.CancellationToken.ThrowIfCancellationRequested();
        if (_settings.IsCancellationRequested?.Invoke() == true)
            throw new OperationCanceledException("Training was cancelled.");
    }

    private ArithmeticException Diverged(int epoch, int batch, double loss) => new(
        $"Training diverged in epoch {epoch} (mini-batch {batch}): the training loss or gradient is {(double.IsFinite(loss) ? "not finite" : loss.ToString(System.Globalization.CultureInfo.InvariantCulture))}. " +
        $"Lower LearningRate (now {_optimizer.LearningRate}), set GradientClippingNorm (e.g. 1) to clip gradients, or use a smaller BatchSize.");

    private TrainingCheckpoint Capture(int epoch, LearningRateSchedule schedule, LossConvergence convergence)
    {
        var (rate, plateauBest, plateauStale) = schedule.State;
        return new TrainingCheckpoint(epoch, _settings.Optimizer, _optimizer.StepCount, _optimizer.State.Select(b => (float[])b.Clone()).ToArray(),
            rate, plateauBest, plateauStale, convergence.Best, convergence.Stale);
    }

    private void Restore(TrainingCheckpoint resume, LearningRateSchedule schedule, LossConvergence convergence)
    {
        if (resume.Optimizer != _settings.Optimizer)
            throw new ArgumentException($"The checkpoint holds the state of optimizer {resume.Optimizer}, but Optimizer is {_settings.Optimizer}; warm start with the same optimizer.", nameof(resume));
        _optimizer.Restore(resume.OptimizerStepCount, resume.OptimizerState);
        schedule.State = (resume.PlateauLearningRate, resume.PlateauBestLoss, resume.PlateauStaleEpochs);
        convergence.Best = resume.ConvergenceBestLoss;
        convergence.Stale = resume.ConvergenceStaleEpochs;
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

    // One mini-batch: forward, loss, backward, then penalties, norms, clipping and update (ParameterUpdate). Returns the batch's summed (weighted) loss.
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
            if (_dropout[l] is { } dropout) x = dropout.Forward(x, _epochRandom);
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

    private double L2Penalty()
    {
        if (_settings.L2Regularization == 0f) return 0;
        var weights = _network.ParameterArray.AsSpan(0, _network.WeightCount);
        return 0.5 * _settings.L2Regularization * TensorPrimitives.Dot(weights, weights);
    }
}
