using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>The lazily computed view that <c>Transform</c> returns: the input's columns plus the appended ones.</summary>
internal sealed class AppendedDataView(IDataView input, AppendedColumns columns) : IDataView
{
    public DataViewSchema Schema => columns.Output;
    public bool CanShuffle => input.CanShuffle;
    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        // An unshuffled input gives every cursor the same rows in the same order, so a second cursor can read ahead.
        return new AppendedCursor(columns, input.GetRowCursor(columns.InputColumnsFor(needed), rand), columns.ActiveOutputs(needed),
            blockSource: rand is null ? input : null);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var active = columns.ActiveOutputs(needed);
        var cursors = input.GetRowCursorSet(columns.InputColumnsFor(needed), n, rand);
        if (cursors.Length == 1)
            return [new AppendedCursor(columns, cursors[0], active, blockSource: rand is null ? input : null)];
        return cursors.Select(c => (DataViewRowCursor)new AppendedCursor(columns, c, active, blockSource: null)).ToArray();
    }
}
