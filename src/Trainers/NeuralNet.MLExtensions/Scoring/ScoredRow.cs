using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>A single scored row over an input row: what <c>PredictionEngine</c> reads through the row-to-row mapper.</summary>
internal sealed class ScoredRow : DataViewRow
{
    private readonly ScoringBindings _bindings;
    private readonly DataViewRow _input;
    private readonly bool[] _active;
    private readonly RowScorer? _scorer;

    public ScoredRow(ScoringBindings bindings, DataViewRow input, bool[] active)
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

    public override bool IsColumnActive(DataViewSchema.Column column) =>
        column.Index < _bindings.Input.Count ? _input.IsColumnActive(_input.Schema[column.Index]) : _active[column.Index - _bindings.Input.Count];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        ScoredGetters.Get<TValue>(_bindings, _input, _scorer, _active, column);
}
