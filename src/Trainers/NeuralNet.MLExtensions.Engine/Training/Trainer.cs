using System.Diagnostics;
using System.Numerics.Tensors;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Optimizers;
using NeuralNet.MLExtensions.Engine.Schedules;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// The epoch loop: a fresh shuffle every epoch, mini-batches (the last partial one used) handed to
/// <see cref="TrainingStep"/> at the scheduled learning rate, the epoch's report, then the stops: the maximum number of
/// epochs, the training loss no longer improving, the validation metric no longer improving (early stopping), or
/// divergence. Everything a resumed run needs is in one <see cref="TrainingState"/>, restored at the start and
/// advanced after every epoch.
/// </summary>
internal sealed class Trainer : IDisposable
{
    private readonly MlpTrainingSettings _settings;
    private readonly ComputeContext _context;
    private readonly MlpNetwork _network;
    private readonly Optimizer _optimizer;
    private readonly TrainingStep _step;

    public Trainer(MlpNetwork network, MlpTrainingSettings settings, int batchCapacity)
    {
        _settings = settings;
        _network = network;
        _context = new ComputeContext(TrainingThreads.For(network.Architecture, batchCapacity, settings.NumberOfThreads, settings.MinimumParallelStepMultiplyAdds));
        _optimizer = Optimizer.Create(settings.Optimizer, network.ParameterArray.Length, new OptimizerSettings(
            settings.LearningRate, settings.Momentum, settings.Nesterov, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay));
        _step = new TrainingStep(network, settings, _optimizer, _context, batchCapacity);
    }

    /// <summary>The refit running beside this held-out run, told after every epoch which epoch this run would end with.</summary>
    public ConcurrentRefit? Leads { get; init; }

    /// <summary>The held-out run this refit runs beside: after every epoch it waits for it, keeps copies, and stops past its best epoch.</summary>
    public ConcurrentRefit? Follows { get; init; }

    /// <summary>Stops the kernel worker threads now (they would also stop after a few idle seconds).</summary>
    public void Dispose() => _context.Dispose();

    /// <summary>
    /// Trains on standardised rows (features: [rows×in], labels: [rows] in 0..K−1, targets: [rows] standardised regression
    /// targets or null, exampleWeights: [rows] or null),
    /// measuring <paramref name="validation"/> after every epoch when given, and continuing <paramref name="warmStart"/>'s
    /// state and history when given. Epoch e shuffles and draws dropout masks from a source derived from (seed, e)
    /// alone, so a resumed run matches an uninterrupted one.
    /// </summary>
    public MlpTrainingResult Run(float[] features, int rows, int[] labels, float[]? targets, float[]? exampleWeights, FeatureStandardizer? standardizer,
        TargetStandardizer? target, ValidationEvaluator? validation = null, MlpWarmStart? warmStart = null)
    {
        var order = new int[rows];
        return Run((int epoch, double[] layerNormSums, ref TrainingState state) => RunEpoch(features, rows, labels, targets, exampleWeights, epoch, order, layerNormSums, ref state),
            ExampleWeightSum.Of(exampleWeights, rows), standardizer, target, validation, warmStart);
    }

    /// <summary>
    /// The epoch loop over epochs that <paramref name="epochPass"/> runs (the in-memory shuffle above, or a streamed
    /// epoch), whose rows weigh <paramref name="totalWeight"/> in all.
    /// </summary>
    public MlpTrainingResult Run(EpochPass epochPass, double totalWeight, FeatureStandardizer? standardizer,
        TargetStandardizer? target, ValidationEvaluator? validation = null, MlpWarmStart? warmStart = null)
    {
        var state = TrainingState.Begin(_settings, warmStart);
        state.RestoreInto(_optimizer);
        var history = (warmStart?.History ?? []).Where(h => h.Epoch <= state.EpochsCompleted).ToList();
        var schedule = LearningRateSchedule.Create(_settings, state.ScheduleEpochs);
        var convergence = new LossConvergence(_settings.ConvergenceTolerance, _settings.ConvergencePatience);
        var early = validation is null || _settings.EarlyStoppingMetric == EarlyStoppingMetric.None ? null
            : new EarlyStopping(_settings.EarlyStoppingMetric, _settings.EarlyStoppingPatienceFor(_network.Architecture), _settings.EarlyStoppingMinimumImprovement);
        bool keepBest = early is not null && _settings.RestoreBestWeights;
        // A resumed run whose start is the best epoch so far can fall back to it, as the uninterrupted run would.
        (float[] Parameters, TrainingState State)? best = keepBest && state.EarlyStopping.Epoch == state.EpochsCompleted && state.EpochsCompleted > 0
            ? ((float[])_network.ParameterArray.Clone(), state.WithOptimizer(_optimizer)) : null;
        var clock = Stopwatch.StartNew();
        var layerNormSums = new double[_network.Architecture.LayerCount];
        StopReason reason = StopReason.MaximumEpochsReached;

        for (int epoch = state.EpochsCompleted, last = TrainingState.LastEpoch(epoch, _settings.MaximumNumberOfEpochs); epoch++ < last;)
        {
            _optimizer.LearningRate = schedule.Rate(epoch - 1, state);
            var (lossSum, normSum, batches) = epochPass(epoch, layerNormSums, ref state);
            double dataLoss = lossSum / totalWeight;
            double loss = dataLoss + L2Penalty() + L1Penalty.Value(Weights, _settings.L1Regularization);
            if (!double.IsFinite(loss)) throw Divergence.NotFinite(epoch, batches, loss, _optimizer.LearningRate);
            if (Divergence.HasExploded(dataLoss, state.InitialLoss)) throw Divergence.Exploded(epoch, dataLoss, state.InitialLoss, _optimizer.LearningRate);

            ValidationMetrics? measured = validation?.Evaluate(_network, _context);
            var report = new EpochReport(epoch, loss, _optimizer.LearningRate, normSum / batches, layerNormSums.Select(n => n / batches).ToArray(), clock.Elapsed)
            {
                ValidationLoss = measured?.Loss,
                ValidationAccuracy = measured?.Accuracy,
                ValidationRmse = measured?.Rmse,
            };
            history.Add(report);
            _settings.EpochCompleted?.Invoke(report);

            state = schedule.EndOfEpoch(state with { EpochsCompleted = epoch }, measured?.Loss ?? loss);
            state = state with
            {
                Convergence = convergence.Observe(state.Convergence, epoch, loss),
                EarlyStopping = early?.Observe(state.EarlyStopping, epoch, measured!.Loss, measured.Accuracy ?? double.NaN) ?? state.EarlyStopping,
            };
            if (keepBest && state.EarlyStopping.Epoch == epoch) best = ((float[])_network.ParameterArray.Clone(), state.WithOptimizer(_optimizer));
            Leads?.LeaderCompleted(epoch, keepBest ? state.EarlyStopping.Epoch : epoch);
            if (early is not null && early.ShouldStop(state.EarlyStopping))
            {
                reason = StopReason.EarlyStopping;
                break;
            }
            if (convergence.HasConverged(state.Convergence))
            {
                reason = StopReason.TrainingLossConverged;
                break;
            }
            if (Follows is { } refit)
            {
                bool goOn = refit.FollowerCompleted(epoch, out bool keep);
                if (keep) refit.Keep(new RefitSnapshot(epoch, (float[])_network.ParameterArray.Clone(), state.WithOptimizer(_optimizer)));
                if (!goOn) break;
            }
        }

        if (best is { } kept && kept.State.EpochsCompleted != state.EpochsCompleted)
        {
            kept.Parameters.CopyTo(_network.ParameterArray, 0);
            return new MlpTrainingResult(_network, standardizer, history, reason, kept.State) { TargetStandardizer = target };
        }
        return new MlpTrainingResult(_network, standardizer, history, reason, state.WithOptimizer(_optimizer)) { TargetStandardizer = target };
    }

    // One pass over the rows in the epoch's shuffled order: the summed weighted loss (without penalties), the summed
    // global gradient norm and the number of mini-batches (each layer's norm summed into layerNormSums). Records the
    // untrained network's loss in the state once.
    private (double LossSum, double NormSum, int Batches) RunEpoch(float[] features, int rows, int[] labels, float[]? targets, float[]? weights,
        int epoch, int[] order, double[] layerNormSums, ref TrainingState state)
    {
        int batchSize = Math.Min(_settings.BatchSize, rows), batches = 0;
        var epochRandom = SeededRandom.Derive(_settings.Seed, epoch);
        for (int i = 0; i < rows; i++) order[i] = i;
        epochRandom.Shuffle(order);
        Array.Clear(layerNormSums);
        double lossSum = 0, normSum = 0;
        for (int start = 0; start < rows; start += batchSize)
        {
            ThrowIfCancellationRequested();
            int batch = Math.Min(batchSize, rows - start);
            double batchLoss = _step.Run(features, labels, targets, weights, order, start, batch, epochRandom, layerNormSums, ref normSum);
            batches++;
            if (!double.IsFinite(batchLoss) || !double.IsFinite(normSum)) throw Divergence.NotFinite(epoch, batches, batchLoss, _optimizer.LearningRate);
            if (double.IsNaN(state.InitialLoss)) state = state with { InitialLoss = batchLoss / ExampleWeightSum.Of(weights, order.AsSpan(start, batch)) };
            lossSum += batchLoss;
        }
        return (lossSum, normSum, batches);
    }

    /// <summary>The step that trains one mini-batch (a streamed epoch calls it on its pool's rows).</summary>
    internal TrainingStep Step => _step;

    /// <summary>The optimizer's learning rate in force (for the divergence messages).</summary>
    internal float LearningRate => _optimizer.LearningRate;

    internal void ThrowIfCancellationRequested()
    {
        _settings.ThrowIfCancelled();
        if (Follows?.IsAborted == true) throw new OperationCanceledException("The held-out run beside this refit failed.");
    }

    private Span<float> Weights => _network.ParameterArray.AsSpan(0, _network.WeightCount);

    private double L2Penalty() => _settings.L2Regularization == 0f ? 0 : 0.5 * _settings.L2Regularization * TensorPrimitives.Dot(Weights, Weights);
}

/// <summary>
/// One epoch of training: the summed weighted loss (without penalties), the summed global gradient norm and the number
/// of mini-batches (each layer's norm summed into layerNormSums); records the untrained network's loss in the state once.
/// </summary>
internal delegate (double LossSum, double NormSum, int Batches) EpochPass(int epoch, double[] layerNormSums, ref TrainingState state);
