using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// The cursor of a scored view, and the only cursor over its input. It reads the next block of rows from its input
/// cursor, copying each row's features and the input columns the consumer asked for (with the row's id and batch),
/// evaluates the block at once, then serves the rows one by one: every value it serves, appended or passed through,
/// belongs to the row it is on, whatever order the input gives, and the input is read once. Blocks grow from
/// <see cref="FirstBlockRows"/> to <see cref="MaxBlockRows"/> rows, so the first rows come quickly and long reads
/// multiply large matrices.
/// </summary>
internal sealed class BlockCursor : DataViewRowCursor, IBlockRows
{
    public const int FirstBlockRows = 16, MaxBlockRows = 1024;
    private readonly AppendedColumns _columns;
    private readonly DataViewRowCursor _input;
    private readonly bool[] _active;
    private readonly ColumnBuffer?[] _buffers;   // by input column index; null for columns not asked for
    private readonly ColumnBuffer[] _reads;
    private readonly VectorColumnBuffer<float>? _featuresBuffer;
    private readonly ValueGetter<VBuffer<float>> _features;
    private readonly ValueGetter<DataViewRowId> _inputIds;
    private readonly IBlockEvaluator _evaluator;
    private readonly Outputs _outputs;
    private DataViewRowId[] _ids = [];
    private long[] _batches = [];
    private float[] _x = [];
    private VBuffer<float> _scratch;
    private int _row = -1, _rows, _capacity;
    private long _position = -1;
    private bool _inputDone;

    /// <param name="columns">The scored view's columns.</param>
    /// <param name="input">A cursor over the input with the features column and every input column asked for active.</param>
    /// <param name="needed">The columns of the output the consumer asked for.</param>
    /// <param name="threads">Threads to evaluate blocks with.</param>
    public BlockCursor(AppendedColumns columns, DataViewRowCursor input, IEnumerable<DataViewSchema.Column> needed, int threads)
    {
        _columns = columns;
        _input = input;
        var list = needed.ToArray();
        _active = columns.ActiveOutputs(list);
        _buffers = new ColumnBuffer?[columns.Input.Count];
        foreach (var c in list.Where(c => c.Index < columns.Input.Count).Select(c => columns.Input[c.Index]).Distinct())
            _buffers[c.Index] = ColumnBuffer.Create(input, c, this);
        _reads = _buffers.OfType<ColumnBuffer>().ToArray();
        _featuresBuffer = _buffers[columns.Features.Index] as VectorColumnBuffer<float>;
        _features = input.GetGetter<VBuffer<float>>(columns.Features);
        _inputIds = input.GetIdGetter();
        _evaluator = columns.Function.CreateEvaluator(threads);
        _outputs = new Outputs(this, columns.Function.OutputSize);
    }

    public override DataViewSchema Schema => _columns.Output;
    public override long Position => _position;
    public override long Batch => _row >= 0 && _row < _rows ? _batches[_row] : 0;

    /// <summary>The row of the current block the cursor is on.</summary>
    public int Row => _row >= 0 && _row < _rows ? _row : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first and read values only while it returns true.");

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _ids[Row];

    public override bool MoveNext()
    {
        if (_row + 1 >= _rows)
        {
            _row = -1;
            if (!ReadBlock())
            {
                _position = -1;
                return false;
            }
        }
        _row++;
        _position++;
        return true;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < _columns.Input.Count ? _buffers[column.Index] is not null : _columns.IsOutputActive(_active, column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (column.Index >= _columns.Input.Count) return _columns.OutputGetter<TValue>(_outputs, _active, column);
        var buffer = _buffers[column.Index]
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when opening the cursor.");
        return buffer.Getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    // Reads up to the next block's size of rows from the input and evaluates them; false when the input has no more.
    private bool ReadBlock()
    {
        _rows = 0;
        if (_inputDone) return false;
        _capacity = _capacity == 0 ? FirstBlockRows : Math.Min(2 * _capacity, MaxBlockRows);
        int d = _columns.Function.InputSize;
        Reserve(_capacity, d);
        int rows = 0;
        while (rows < _capacity && _input.MoveNext())
        {
            _inputIds(ref _ids[rows]);
            _batches[rows] = _input.Batch;
            foreach (var buffer in _reads) buffer.Read(rows);
            var x = _x.AsSpan(rows * d, d);
            if (_featuresBuffer is not null) CopyFeatures(_featuresBuffer[rows], x);
            else
            {
                _features(ref _scratch);
                CopyFeatures(_scratch, x);
            }
            rows++;
        }
        if (rows < _capacity) _inputDone = true;
        if (rows == 0) return false;
        _outputs.Evaluate(_evaluator, _x.AsSpan(0, rows * d), rows);
        _rows = rows;
        return true;
    }

    private void Reserve(int rows, int d)
    {
        if (_ids.Length >= rows) return;
        _ids = new DataViewRowId[rows];
        _batches = new long[rows];
        _x = new float[rows * d];
        foreach (var buffer in _reads) buffer.Reserve(rows);
        _outputs.Reserve(rows);
    }

    private static void CopyFeatures(in VBuffer<float> features, Span<float> destination)
    {
        // The schema says the column is a vector of exactly this size; a value of another size is the input's defect.
        if (features.Length != destination.Length)
            throw new InvalidOperationException($"A features vector has {features.Length} values; the column's type says {destination.Length}.");
        features.CopyTo(destination);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }

    // The block's computed floats, [rows×width]; the current row's are served.
    private sealed class Outputs(BlockCursor cursor, int width) : RowValues
    {
        private float[] _values = [];

        public void Reserve(int rows)
        {
            if (_values.Length < rows * width) _values = new float[rows * width];
        }

        public void Evaluate(IBlockEvaluator evaluator, ReadOnlySpan<float> x, int rows) => evaluator.Evaluate(x, rows, _values.AsSpan(0, rows * width));

        public override ReadOnlySpan<float> Current() => _values.AsSpan(cursor.Row * width, width);
    }
}
