using System.Diagnostics;
using System.Numerics.Tensors;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Optimizers;
using NeuralNet.MLExtensions.Engine.Schedules;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// The epoch loop: a fresh shuffle every epoch, mini-batches (the last partial one used) handed to
/// <see cref="TrainingStep"/> at the scheduled learning rate, the epoch's report, then the stops: the maximum number of
/// epochs, the training loss no longer improving, or the validation metric no longer improving (early stopping).
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
        _context = new ComputeContext(settings.NumberOfThreads);
        _optimizer = Optimizer.Create(settings.Optimizer, network.ParameterArray.Length, new OptimizerSettings(
            settings.LearningRate, settings.Momentum, settings.Nesterov, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay));
        _step = new TrainingStep(network, settings, _optimizer, _context, batchCapacity);
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
            var epochRandom = SeededRandom.Derive(seed, epoch);
            for (int i = 0; i < rows; i++) order[i] = i;
            epochRandom.Shuffle(order);
            double lossSum = 0, normSum = 0;
            Array.Clear(layerNormSums);
            int batches = 0;
            for (int start = 0; start < rows; start += batchSize)
            {
                ThrowIfCancellationRequested();
                int batch = Math.Min(batchSize, rows - start);
                double batchLoss = _step.Run(features, labels, exampleWeights, order, start, batch, epochRandom, layerNormSums, ref normSum);
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

    private double L2Penalty()
    {
        if (_settings.L2Regularization == 0f) return 0;
        var weights = _network.ParameterArray.AsSpan(0, _network.WeightCount);
        return 0.5 * _settings.L2Regularization * TensorPrimitives.Dot(weights, weights);
    }
}
