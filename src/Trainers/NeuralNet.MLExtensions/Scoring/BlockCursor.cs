using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// The cursor of a scored view, and the only cursor over its input. It reads the next block of rows from its input
/// cursor, each row's features into the row's own array (filled in place by the input's getter when it is dense and
/// the consumer does not read the features column too) and copies of the input columns the consumer asked for (with
/// the row's id and batch),
/// evaluates the block at once, then serves the rows one by one: every value it serves, appended or passed through,
/// belongs to the row it is on, whatever order the input gives, and the input is read once. With more than one
/// thread it keeps two blocks: the next is read before the consumer is served one, and scored in the background while
/// it is (<see cref="BlockScorer"/>). A failure while reading or scoring a block ends the cursor: MoveNext rethrows it.
/// Blocks grow from <see cref="FirstBlockRows"/> to <see cref="MaxBlockRows"/> rows, so the first rows come quickly
/// and long reads multiply large matrices.
/// </summary>
internal sealed class BlockCursor : DataViewRowCursor, IBlockRows
{
    public const int FirstBlockRows = 64, MaxBlockRows = 1024;
    private readonly AppendedColumns _columns;
    private readonly DataViewRowCursor _input;
    private readonly bool[] _active;
    private readonly ColumnBuffer?[] _buffers;   // by input column index; null for columns not asked for
    private readonly ColumnBuffer[] _reads;
    private readonly VectorColumnBuffer<float>? _featuresBuffer;
    private readonly ValueGetter<VBuffer<float>> _features;
    private readonly ValueGetter<DataViewRowId> _inputIds;
    private readonly BlockScorer _scorer;
    private readonly Outputs _outputs;
    private readonly RowBlock[] _blocks = [new(0, MaxBlockRows), new(1, MaxBlockRows)];
    private readonly DataViewRowId[] _ids = new DataViewRowId[2 * MaxBlockRows];
    private readonly long[] _batches = new long[2 * MaxBlockRows];
    private RowBlock? _serving, _next;
    private VBuffer<float> _scratch;
    private float[] _spare = [];          // a row's array, swapped in when the getter wrote a sparse vector
    private int[] _indices = [];          // lent to the getter with each row's array, for sparse values
    private bool _lendRows = true;        // false once the getter gave values from elsewhere: it may keep what it was lent
    private int _row = -1, _capacity;
    private long _position = -1;
    private bool _inputDone;
    private Exception? _failure;

    /// <param name="columns">The scored view's columns.</param>
    /// <param name="input">A cursor over the input with the features column and every input column asked for active.</param>
    /// <param name="needed">The columns of the output the consumer asked for.</param>
    /// <param name="threads">Threads to evaluate blocks with (this one and, beyond one, the background).</param>
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
        foreach (var buffer in _reads) buffer.Reserve(2 * MaxBlockRows);
        _featuresBuffer = _buffers[columns.Features.Index] as VectorColumnBuffer<float>;
        _features = input.GetGetter<VBuffer<float>>(columns.Features);
        _inputIds = input.GetIdGetter();
        _scorer = new BlockScorer(columns.Function, threads);
        _outputs = new Outputs(this, columns.Function.OutputSize);
    }

    public override DataViewSchema Schema => _columns.Output;
    public override long Position => _position;
    public override long Batch => _serving is not null && _row >= 0 ? _batches[Row] : 0;

    /// <summary>The buffer slot of the row the cursor is on.</summary>
    public int Row => _serving is not null && _row >= 0 && _row < _serving.Rows
        ? _serving.FirstSlot + _row
        : throw new InvalidOperationException("The cursor is not on a row: call MoveNext first and read values only while it returns true.");

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = _ids[Row];

    public override bool MoveNext()
    {
        if (_failure is not null)
            throw new InvalidOperationException("This cursor failed while reading or scoring its input; open a new cursor.", _failure);
        if (_serving is null || _row + 1 >= _serving.Rows)
        {
            if (!TryNextBlock())
            {
                _serving = null;
                _row = -1;
                _position = -1;
                return false;
            }
            _row = -1;
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

    // NextBlock, or on failure: no more background work (it may be on blocks this cursor can no longer vouch for) and
    // no more rows.
    private bool TryNextBlock()
    {
        try
        {
            return NextBlock();
        }
        catch (Exception e)
        {
            _failure = e;
            _scorer.Abandon();
            (_serving, _next, _row, _position) = (null, null, -1, -1);
            throw;
        }
    }

    // Makes the next block the one served. The block the consumer has finished with is then free: the block after is
    // read into it while the next one is scored in the background, and started at once, so that the pool thread goes
    // on to it as soon as it runs out of the next one's chunks; then this thread helps finish the next one.
    private bool NextBlock()
    {
        var free = _serving ?? _blocks[1];
        var serve = _next;
        _next = null;
        if (serve is null)
        {
            serve = ReferenceEquals(free, _blocks[0]) ? _blocks[1] : _blocks[0];
            if (!Read(serve)) return false;
            _scorer.Start(serve);
        }
        if (_scorer.Pipelined && Read(free))
        {
            _scorer.Start(free);
            _next = free;
        }
        _scorer.Finish(serve);
        _serving = serve;
        return true;
    }

    // Reads up to the next block's size of rows from the input into `block`; false when the input has no more.
    private bool Read(RowBlock block)
    {
        block.Rows = 0;
        if (_inputDone) return false;
        _capacity = _capacity == 0 ? FirstBlockRows : Math.Min(2 * _capacity, MaxBlockRows);
        int d = _columns.Function.InputSize;
        block.Reserve(_capacity, d, _columns.Function.OutputSize);
        int rows = 0;
        while (rows < _capacity && _input.MoveNext())
        {
            int slot = block.FirstSlot + rows;
            _inputIds(ref _ids[slot]);
            _batches[slot] = _input.Batch;
            foreach (var buffer in _reads) buffer.Read(slot);
            if (_featuresBuffer is not null) CopyFeatures(_featuresBuffer[slot], block.Features(rows));
            else ReadFeatures(block, rows);
            rows++;
        }
        if (rows < _capacity) _inputDone = true;
        block.Rows = rows;
        return rows > 0;
    }

    /// <summary>Rows whose features were not left in place by the getter (sparse, or given from elsewhere); for tests.</summary>
    internal int RowsExpanded { get; private set; }

    /// <summary>Whether the getter is still lent the rows' own arrays; false once it gave values from elsewhere. For tests.</summary>
    internal bool LendsRowArrays => _lendRows;

    // Lends the getter row `row`'s own array (and an index array for sparse values) to fill in place: no copy on this
    // thread for a dense vector, the common case. A sparse vector written into them is expanded into a spare array,
    // which becomes the row's (the lent arrays came back, so the old one is the next spare). A getter that gives
    // values from elsewhere may keep the arrays it was lent (ML.NET lets it), so they are left to it, and from then on
    // it is lent only a scratch vector, whose values are copied into each row's array, as with any other column.
    private void ReadFeatures(RowBlock block, int row)
    {
        var own = block.Features(row);
        if (!_lendRows)
        {
            _features(ref _scratch);
            CopyFeatures(_scratch, own);
            RowsExpanded++;
            return;
        }
        if (_indices.Length < own.Length) _indices = new int[own.Length];
        _scratch = new VBuffer<float>(own.Length, 0, own, _indices);
        _features(ref _scratch);
        if (_scratch.Length != own.Length)
            throw new InvalidOperationException($"A features vector has {_scratch.Length} values; the column's type says {own.Length}.");
        if (own.Length == 0) return;
        bool inPlace = Unsafe.AreSame(ref MemoryMarshal.GetReference(_scratch.GetValues()), ref own[0]);
        if (inPlace && _scratch.IsDense) return;
        RowsExpanded++;
        if (inPlace)
        {
            if (_spare.Length != own.Length) _spare = new float[own.Length];
            _scratch.CopyTo(_spare);
            _spare = block.SwapFeatures(row, _spare);
            return;
        }
        var copy = new float[own.Length];
        _scratch.CopyTo(copy);
        block.SwapFeatures(row, copy);
        (_indices, _lendRows) = ([], false);
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
        if (disposing)
        {
            _scorer.Abandon();
            _input.Dispose();
        }
        base.Dispose(disposing);
    }

    // The served block's computed floats; the current row's are read.
    private sealed class Outputs(BlockCursor cursor, int width) : RowValues
    {
        public override ReadOnlySpan<float> Current() => cursor._serving!.Outputs.AsSpan((cursor.Row - cursor._serving.FirstSlot) * width, width);
    }
}
