using System.Diagnostics;
using System.Globalization;

namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// The first pass over a streamed source, before any training: every row is read once (blocks on the background
/// reader), split by the <see cref="HoldOut"/> rule (at most the validation rows kept), and counted into the statistics of its part
/// (<see cref="StreamSummary"/>); the held-out rows are kept for validation. Reports rows read and rows per
/// second about once a second, and checks for cancellation before every block.
/// </summary>
internal static class SummaryPass
{
    /// <summary>
    /// Reads <paramref name="source"/> with the split, scaling and embedding of <paramref name="settings"/>;
    /// <paramref name="progress"/> gets (rows read, time so far). classCount: K (0 for regression).
    /// </summary>
    public static StreamSummary Run(IRowBlockSource source, MlpTrainingSettings settings, int classCount, Action<long, TimeSpan>? progress = null)
    {
        int d = source.FeatureCount, groups = settings.Task == MlpTask.Regression ? 1 : classCount;
        bool sketches = settings.FeatureScaling == FeatureScaling.Robust, targets = settings.Task == MlpTask.Regression;
        var holdOut = new HoldOut(settings.ValidationFraction, settings.Seed, StreamingDefaults.ValidationRowsFor(d));
        var train = new PartStatistics(d, groups, sketches, targets);
        var held = new PartStatistics(d, groups, sketches, targets);
        // Only periodic embeddings use the count when streaming (Auto gives no encodings there).
        var distinct = settings.NumericEmbedding == NumericEmbeddingKind.Periodic ? new DistinctValues(d) : null;
        var validation = new ValidationBuffer(d, source.HasWeights, targets);
        var cancel = settings.ThrowIfCancelled;
        var clock = Stopwatch.StartNew();
        double reported = 0;
        long rows = 0, positions = 0, heldRows = 0, lastHeld = -1;
        ReadFingerprint fingerprint;

        using (var blocks = new BlockPrefetcher(source, StreamingDefaults.BlockRows(d), StreamingDefaults.ReadAheadBlocks, "the first pass"))
        {
            while (blocks.Next(cancel) is { } block)
            {
                for (int r = 0; r < block.Count; r++)
                {
                    var row = block.Row(r);
                    int label = block.Labels[r];
                    long position = block.Positions[r];
                    if ((uint)label >= (uint)groups)
                        throw new ArgumentOutOfRangeException("labels", label, string.Create(CultureInfo.InvariantCulture, $"Label of row {position} of {source.Name} must be in 0..{groups - 1}; got {label}."));
                    float weight = block.Weights?[r] ?? 1f, target = block.Targets?[r] ?? 0f;
                    bool isHeld = holdOut.Holds(position, ref heldRows);
                    if (isHeld) lastHeld = position;
                    (isHeld ? held : train).Add(row, label, weight, target);
                    distinct?.Add(row);
                    if (isHeld) validation.Add(row, label, weight, target);
                    positions = position + 1;
                }
                rows += block.Count;
                blocks.Return(block);
                if (progress is not null && clock.Elapsed.TotalSeconds - reported >= StreamingDefaults.ProgressSeconds)
                {
                    reported = clock.Elapsed.TotalSeconds;
                    progress(rows, clock.Elapsed);
                }
            }
            fingerprint = blocks.Fingerprint;
        }
        progress?.Invoke(rows, clock.Elapsed);
        return new StreamSummary(holdOut with { LastHeldPosition = lastHeld }, train, held, distinct?.ManyValued() ?? [], validation.ToValidationSet(), positions) { Fingerprint = fingerprint };
    }

    /// <summary>The first held-out rows (<see cref="StreamingDefaults.ValidationRowsFor"/>), in buffers that double as they fill.</summary>
    private sealed class ValidationBuffer(int featureCount, bool weighted, bool regression)
    {
        private readonly int _maximumRows = StreamingDefaults.ValidationRowsFor(featureCount);
        private float[] _features = [], _weights = [], _targets = [];
        private int[] _labels = [];
        private int _rows;

        public void Add(ReadOnlySpan<float> row, int label, float weight, float target)
        {
            if (_rows == _maximumRows) return;
            if (_rows == _labels.Length)
            {
                int capacity = Math.Min(_maximumRows, Math.Max(1024, 2 * _rows));
                Array.Resize(ref _features, capacity * featureCount);
                Array.Resize(ref _labels, capacity);
                Array.Resize(ref _weights, capacity);
                Array.Resize(ref _targets, capacity);
            }
            row.CopyTo(_features.AsSpan(_rows * featureCount, featureCount));
            (_labels[_rows], _weights[_rows], _targets[_rows]) = (label, weight, target);
            _rows++;
        }

        public ValidationSet? ToValidationSet()
        {
            if (_rows == 0) return null;
            var features = _features[..(_rows * featureCount)];
            var weights = weighted ? _weights[.._rows] : null;
            return regression ? ValidationSet.ForRegression(features, _targets[.._rows], weights) : new ValidationSet(features, _labels[.._rows], weights);
        }
    }
}
