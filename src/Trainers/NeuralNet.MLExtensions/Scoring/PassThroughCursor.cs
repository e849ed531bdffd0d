using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// The cursor of a scored view when no appended column is asked for: the input cursor itself under the output schema,
/// moving in lockstep with it (nothing is evaluated or copied).
/// </summary>
internal sealed class PassThroughCursor(AppendedColumns columns, DataViewRowCursor input) : DataViewRowCursor
{
    public override DataViewSchema Schema => columns.Output;
    public override long Position => input.Position;
    public override long Batch => input.Batch;
    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();
    public override bool MoveNext() => input.MoveNext();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < columns.Input.Count && input.IsColumnActive(columns.Input[column.Index]);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        column.Index < columns.Input.Count
            ? input.GetGetter<TValue>(columns.Input[column.Index])
            : throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when opening the cursor.");

    protected override void Dispose(bool disposing)
    {
        if (disposing) input.Dispose();
        base.Dispose(disposing);
    }
}
