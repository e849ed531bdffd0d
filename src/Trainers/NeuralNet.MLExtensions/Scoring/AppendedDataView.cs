using Microsoft.ML;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// The lazily computed view that <c>Transform</c> returns: the input's columns plus the appended ones. Each cursor
/// over it opens exactly one cursor over the input (with the consumer's shuffling or split) and evaluates the
/// appended columns from the rows that cursor gives (<see cref="BlockCursor"/>).
/// </summary>
internal sealed class AppendedDataView(IDataView input, AppendedColumns columns) : IDataView
{
    /// <summary>
    /// Threads a lone cursor scores with (its own and, beyond one, a background thread): every core by default. The
    /// benchmark sets 1 to compare with scoring on the cursor's thread alone.
    /// </summary>
    internal static int CursorThreads { get; set; } = Environment.ProcessorCount;

    public DataViewSchema Schema => columns.Output;
    public bool CanShuffle => input.CanShuffle;
    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        return Wrap(input.GetRowCursor(columns.InputColumnsFor(needed), rand), needed, CursorThreads);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var cursors = input.GetRowCursorSet(columns.InputColumnsFor(needed), n, rand);
        // Split cursors are read in parallel by the consumer: one thread each.
        int threads = cursors.Length == 1 ? CursorThreads : 1;
        return cursors.Select(c => Wrap(c, needed, threads)).ToArray();
    }

    private DataViewRowCursor Wrap(DataViewRowCursor cursor, DataViewSchema.Column[] needed, int threads) =>
        columns.ActiveOutputs(needed).Any(a => a) ? new BlockCursor(columns, cursor, needed, threads) : new PassThroughCursor(columns, cursor);
}
