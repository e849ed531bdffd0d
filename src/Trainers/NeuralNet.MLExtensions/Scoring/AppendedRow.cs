using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>One input row with the appended columns, computed for that row alone: what a prediction engine reads.</summary>
internal sealed class AppendedRow : DataViewRow
{
    private readonly AppendedColumns _columns;
    private readonly DataViewRow _input;
    private readonly bool[] _active;
    private readonly RowValues? _values;

    public AppendedRow(AppendedColumns columns, DataViewRow input, bool[] active)
    {
        _columns = columns;
        _input = input;
        _active = active;
        if (active.Any(a => a)) _values = new SingleRowValues(columns.Function, input, columns.Features);
    }

    public override DataViewSchema Schema => _columns.Output;
    public override long Position => _input.Position;
    public override long Batch => _input.Batch;
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < _columns.Input.Count ? _input.IsColumnActive(_input.Schema[column.Index]) : _columns.IsOutputActive(_active, column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        column.Index < _columns.Input.Count ? _input.GetGetter<TValue>(_input.Schema[column.Index]) : _columns.OutputGetter<TValue>(_values, _active, column);
}
