using System.Globalization;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// Runs one epoch over a streamed source (an <see cref="EpochPass"/> for <see cref="Trainer"/>): the blocks come from the
/// background reader (which also scales them and takes the read's fingerprint, beside the training), held-out rows are
/// passed over, every other row is copied into the <see cref="ShufflePool"/>, and
/// each mini-batch the pool draws goes to the <see cref="TrainingStep"/>. Epoch e draws its batches and dropout masks
/// from the source derived from (seed, e), as the in-memory epoch does. Memory: the pool and the reader's blocks.
/// </summary>
internal sealed class StreamingEpochs
{
    private readonly IRowBlockSource _source;
    private readonly HoldOut _holdOut;
    private readonly FeatureStandardizer? _standardizer;
    private readonly TargetStandardizer? _target;
    private readonly float[]? _classWeights;
    private readonly long _trainRows;
    private readonly ReadFingerprint _firstPass;
    private readonly Trainer _trainer;
    private readonly MlpTrainingSettings _settings;
    private readonly ShufflePool _pool;
    private readonly Action _cancel;
    private readonly Action<RowBlock>? _scale;
    private readonly int _batchSize;

    /// <param name="source">The rows, as the first pass read them.</param>
    /// <param name="holdOut">The rows never trained on.</param>
    /// <param name="trainRows">The rows the first pass counted outside the held-out part; every epoch must see as many.</param>
    /// <param name="firstPass">What the first pass read; every epoch's read must give the same.</param>
    /// <param name="standardizer">The feature scaling, or null.</param>
    /// <param name="target">The regression targets' standardisation, or null.</param>
    /// <param name="classWeights">Each class's weight, multiplied into the example weight; null for none.</param>
    /// <param name="trainer">The epoch loop whose step trains the batches.</param>
    /// <param name="settings">The run's settings.</param>
    public StreamingEpochs(IRowBlockSource source, HoldOut holdOut, long trainRows, ReadFingerprint firstPass, FeatureStandardizer? standardizer,
        TargetStandardizer? target, float[]? classWeights, Trainer trainer, MlpTrainingSettings settings)
    {
        _firstPass = firstPass;
        (_source, _holdOut, _trainRows, _standardizer, _target, _classWeights, _trainer, _settings) =
            (source, holdOut, trainRows, standardizer, target, classWeights, trainer, settings);
        _batchSize = (int)Math.Min(settings.BatchSize, trainRows);
        int capacity = (int)Math.Min(trainRows, StreamingDefaults.PoolRows(source.FeatureCount, _batchSize));
        _pool = new ShufflePool(capacity, source.FeatureCount, source.HasWeights || classWeights is not null, source.HasTargets);
        _cancel = settings.ThrowIfCancelled;
        _scale = ScaleInPlace();
    }

    /// <summary>Called with each row's position as it enters the pool (to be trained on); for tests.</summary>
    internal Action<long>? RowTrained { get; init; }

    /// <summary>One epoch; see <see cref="EpochPass"/>.</summary>
    public (double LossSum, double NormSum, int Batches) Run(int epoch, double[] layerNormSums, ref TrainingState state)
    {
        var random = SeededRandom.Derive(_settings.Seed, epoch);
        Array.Clear(layerNormSums);
        _pool.Reset();
        var sums = new EpochSums(layerNormSums);
        long rows = 0;
        ReadFingerprint read;
        using (var blocks = new BlockPrefetcher(_source, StreamingDefaults.BlockRows(_source.FeatureCount), StreamingDefaults.ReadAheadBlocks,
            string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}"), _scale, epoch))
        {
            while (blocks.Next(_cancel) is { } block)
            {
                for (int r = 0; r < block.Count; r++)
                {
                    if (_holdOut.IsKept(block.Positions[r])) continue;
                    if (_pool.IsFull)
                    {
                        _pool.DrawBatch(_batchSize, random);
                        Train(0, _batchSize, epoch, random, ref sums, ref state);
                    }
                    Add(block, r);
                    rows++;
                }
                blocks.Return(block);
            }
            read = blocks.Fingerprint;
        }
        if (rows != _trainRows)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Reading {_source.Name} gave {rows} rows to train on in epoch {epoch}, but {_trainRows} in the first pass: a streamed data source must give the same rows, in the same order, on every read. Train from a file (e.g. mlContext.Data.LoadFromBinary) or cache the data (mlContext.Data.Cache) first."));
        if (!read.Equals(_firstPass))
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Reading {_source.Name} in epoch {epoch} gave other rows than the first pass ({read.Rows} rows read, {_firstPass.Rows} in the first pass; other values, another order or other rows skipped as invalid): a streamed data source must give the same rows, in the same order, on every read. No model was trained; train from a file (e.g. mlContext.Data.LoadFromBinary) or cache the data (mlContext.Data.Cache) first."));
        for (int start = _pool.ShuffleRemaining(random); start < _pool.Capacity; start += _batchSize)
            Train(start, Math.Min(_batchSize, _pool.Capacity - start), epoch, random, ref sums, ref state);
        return (sums.Loss, sums.Norm, sums.Batches);
    }

    // Scales a block's rows in place, on the reader thread (null when there is no scaling).
    private Action<RowBlock>? ScaleInPlace() => _standardizer is not { } standardizer ? null : block =>
    {
        for (int r = 0; r < block.Count; r++) standardizer.Apply(block.Row(r), block.Row(r));
    };

    // Copies row r of the block (already scaled) into an empty pool slot.
    private void Add(RowBlock block, int r)
    {
        int slot = _pool.Take(out var features);
        block.Row(r).CopyTo(features);
        int label = block.Labels[r];
        _pool.Labels[slot] = label;
        if (_pool.Weights is { } weights) weights[slot] = (block.Weights?[r] ?? 1f) * (_classWeights?[label] ?? 1f);
        if (_pool.Targets is { } targets) targets[slot] = (float)((block.Targets![r] - _target!.Mean) / _target.Scale);
        RowTrained?.Invoke(block.Positions[r]);
    }

    // One mini-batch of pool rows slots[start..start+batch), as the in-memory epoch trains one.
    private void Train(int start, int batch, int epoch, SeededRandom random, ref EpochSums sums, ref TrainingState state)
    {
        _trainer.ThrowIfCancellationRequested();
        double norm = sums.Norm;
        double loss = _trainer.Step.Run(_pool.Features, _pool.Labels, _pool.Targets, _pool.Weights, _pool.Order, start, batch, random, sums.LayerNorms, ref norm);
        sums.Norm = norm;
        sums.Batches++;
        if (!double.IsFinite(loss) || !double.IsFinite(norm)) throw Divergence.NotFinite(epoch, sums.Batches, loss, _trainer.LearningRate);
        if (double.IsNaN(state.InitialLoss)) state = state with { InitialLoss = loss / ExampleWeightSum.Of(_pool.Weights, _pool.Order.AsSpan(start, batch)) };
        sums.Loss += loss;
    }

    private struct EpochSums(double[] layerNorms)
    {
        public readonly double[] LayerNorms = layerNorms;
        public double Loss, Norm;
        public int Batches;
    }
}
