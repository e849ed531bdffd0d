using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>The row-to-row mapper behind <c>CreatePredictionEngine</c>.</summary>
internal sealed class ScoringRowToRowMapper(ScoringBindings bindings) : IRowToRowMapper
{
    public DataViewSchema InputSchema => bindings.Input;
    public DataViewSchema OutputSchema => bindings.Output;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        bindings.InputColumnsFor(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new ScoredRow(bindings, input, bindings.ActiveOutputs(activeColumns));
}
