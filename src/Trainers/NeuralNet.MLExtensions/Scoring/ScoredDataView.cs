using Microsoft.ML;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>The lazily scored view that <c>Transform</c> returns: the input's columns plus Score and PredictedLabel.</summary>
internal sealed class ScoredDataView(IDataView input, ScoringBindings bindings) : IDataView
{
    public DataViewSchema Schema => bindings.Output;
    public bool CanShuffle => input.CanShuffle;
    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        return new ScoredCursor(bindings, input.GetRowCursor(bindings.InputColumnsFor(needed), rand), bindings.ActiveOutputs(needed));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var active = bindings.ActiveOutputs(needed);
        return input.GetRowCursorSet(bindings.InputColumnsFor(needed), n, rand)
            .Select(c => (DataViewRowCursor)new ScoredCursor(bindings, c, active)).ToArray();
    }
}
