using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>A cursor over the scored output: moves the input cursor and scores its rows on demand.</summary>
internal sealed class ScoredCursor : DataViewRowCursor
{
    private readonly ScoringBindings _bindings;
    private readonly DataViewRowCursor _input;
    private readonly bool[] _active;
    private readonly RowScorer? _scorer;

    public ScoredCursor(ScoringBindings bindings, DataViewRowCursor input, bool[] active)
    {
        _bindings = bindings;
        _input = input;
        _active = active;
        if (active[0] || active[1]) _scorer = new RowScorer(bindings.Model, input, bindings.Features);
    }

    public override DataViewSchema Schema => _bindings.Output;
    public override long Position => _input.Position;
    public override long Batch => _input.Batch;
    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();
    public override bool MoveNext() => _input.MoveNext();

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < _bindings.Input.Count ? _input.IsColumnActive(_input.Schema[column.Index]) : _active[column.Index - _bindings.Input.Count];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        ScoredGetters.Get<TValue>(_bindings, _input, _scorer, _active, column);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
