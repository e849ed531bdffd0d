using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// A cursor over the input with the appended columns. Given the input view it evaluates blocks of rows read ahead
/// by a second cursor (<see cref="BlockRowValues"/>); without it (shuffled or split cursors) it evaluates row by row.
/// </summary>
internal sealed class AppendedCursor : DataViewRowCursor
{
    private readonly AppendedColumns _columns;
    private readonly DataViewRowCursor _input;
    private readonly bool[] _active;
    private readonly RowValues? _values;

    public AppendedCursor(AppendedColumns columns, DataViewRowCursor input, bool[] active, IDataView? blockSource)
    {
        _columns = columns;
        _input = input;
        _active = active;
        if (active.Any(a => a))
            _values = blockSource is null
                ? new SingleRowValues(columns.Function, input, columns.Features)
                : new BlockRowValues(columns.Function, blockSource, columns.Features);
    }

    public override DataViewSchema Schema => _columns.Output;
    public override long Position => _input.Position;
    public override long Batch => _input.Batch;
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool MoveNext()
    {
        if (!_input.MoveNext()) return false;
        (_values as BlockRowValues)?.Advance();
        return true;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _columns.IsActive(_input, _active, column);
    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _columns.Getter<TValue>(_input, _values, _active, column);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Dispose();
            (_values as IDisposable)?.Dispose();
        }
        base.Dispose(disposing);
    }
}
