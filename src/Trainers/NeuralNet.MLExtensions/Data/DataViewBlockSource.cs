using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Streaming;

namespace NeuralNet.MLExtensions.Data;

/// <summary>
/// The training columns of an IDataView as a streamed source for the engine: each read opens a new cursor and fills
/// blocks row by row (no per-row allocation), with the same label and weight rules as <see cref="TrainingDataReader"/>.
/// Invalid rows (non-finite features, a missing label, a bad weight) are skipped on every read and counted on the
/// first, so <c>Fit</c> can report them as the in-memory path does. Rows keep their position in the data view, which
/// decides the held-out ones. With a shuffle seed, epoch e reads through the view's shuffled cursor seeded by (seed, e),
/// and every read knows a row by its row id (its index in a binary file or cache) instead of its place in the read.
/// </summary>
internal sealed class DataViewBlockSource : IRowBlockSource
{
    private readonly IDataView _data;
    private readonly DataViewSchema.Column _features, _label;
    private readonly DataViewSchema.Column? _weight;
    private readonly MlpTask _task;
    private readonly int _classCount;
    private readonly int? _shuffleSeed;
    private int _reads;

    public DataViewBlockSource(IDataView data, DataViewSchema.Column features, DataViewSchema.Column label, DataViewSchema.Column? weight, MlpTask task, int classCount,
        int? shuffleSeed = null)
    {
        _shuffleSeed = shuffleSeed;
        (_data, _features, _label, _weight, _task, _classCount) = (data, features, label, weight, task, classCount);
        FeatureCount = ((VectorDataViewType)features.Type).Size;
        Invalid = new InvalidRows { NumericLabel = task == MlpTask.Regression };
        Name = $"the training data (Features column '{features.Name}', Label column '{label.Name}')";
    }

    public int FeatureCount { get; }
    public bool HasWeights => _weight is not null;
    public bool HasTargets => _task == MlpTask.Regression;
    public string Name { get; }
    /// <summary>The invalid rows the first read met.</summary>
    public InvalidRows Invalid { get; }

    public IRowBlockReader Open() => Open(0);

    public IRowBlockReader Open(int pass) => new Reader(this, countInvalid: Interlocked.Increment(ref _reads) == 1,
        _shuffleSeed is int seed && pass > 0 ? new Random(PassSeed(seed, pass)) : null);

    /// <summary>
    /// The seed of pass <paramref name="pass"/>'s shuffled cursor: a function of the run's seed and the pass alone (not
    /// <c>HashCode</c>, which is seeded afresh in every process), so a run repeats in another process.
    /// </summary>
    internal static int PassSeed(int seed, int pass) => unchecked(seed * 1_000_003 + pass);

    private sealed class Reader : IRowBlockReader
    {
        private readonly DataViewBlockSource _source;
        private readonly DataViewRowCursor _cursor;
        private readonly ValueGetter<VBuffer<float>> _getFeatures;
        private readonly ValueGetter<float> _getLabel;
        private readonly ValueGetter<float>? _getWeight;
        private readonly InvalidRows _invalid;
        private readonly ValueGetter<DataViewRowId>? _ids;
        private VBuffer<float> _buffer;
        private DataViewRowId _id;

        public Reader(DataViewBlockSource source, bool countInvalid, Random? shuffle)
        {
            _source = source;
            // Later reads meet the same invalid rows: they skip them with a counter of their own.
            _invalid = countInvalid ? source.Invalid : new InvalidRows { NumericLabel = source.HasTargets };
            var columns = new List<DataViewSchema.Column> { source._features, source._label };
            if (source._weight is { } weight) columns.Add(weight);
            _cursor = source._data.GetRowCursor(columns, shuffle);
            _ids = source._shuffleSeed is null ? null : _cursor.GetIdGetter();
            _getFeatures = _cursor.GetGetter<VBuffer<float>>(source._features);
            _getLabel = TrainingDataReader.LabelGetter(_cursor, source._label, source._task);
            _getWeight = source._weight is { } w ? _cursor.GetGetter<float>(w) : null;
        }

        public long Position { get; private set; }

        public bool Read(RowBlock block)
        {
            var invalid = _invalid;
            int classCount = _source.HasTargets ? 0 : _source._classCount;
            float key = 0, weight = 1f;
            int n = 0;
            while (n < block.Capacity && _cursor.MoveNext())
            {
                long position = RowPosition(Position++);
                _getFeatures(ref _buffer);
                if (_buffer.Length != block.FeatureCount)
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"Row {position} has {_buffer.Length} values in Features column '{_source._features.Name}'; the schema says {block.FeatureCount}."));
                _getLabel(ref key);
                _getWeight?.Invoke(ref weight);
                var row = block.Row(n);
                _buffer.CopyTo(row);
                if (invalid.Check(row, key, classCount, weight, _getWeight is not null)) continue;
                if (block.Targets is { } targets) targets[n] = key;
                block.Labels[n] = _source.HasTargets ? 0 : (int)key - 1;
                if (block.Weights is { } weights) weights[n] = weight;
                block.Positions[n] = position;
                n++;
            }
            block.Count = n;
            return n > 0;
        }

        // The row's position: its place in the read, or with shuffled reads its row id, which must be a row index.
        private long RowPosition(long place)
        {
            if (_ids is null) return place;
            _ids(ref _id);
            if (_id.High != 0 || _id.Low > long.MaxValue)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"ShuffleStreamedReads needs row ids that are row indices, as binary files and caches give; row {place} of {_source.Name} has id {_id}. Turn ShuffleStreamedReads off, or save the data with mlContext.Data.SaveAsBinary first."));
            return (long)_id.Low;
        }

        public void Dispose() => _cursor.Dispose();
    }
}
