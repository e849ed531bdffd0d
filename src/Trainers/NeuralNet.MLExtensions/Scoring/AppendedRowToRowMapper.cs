using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>The row-to-row mapper behind <c>CreatePredictionEngine</c>.</summary>
internal sealed class AppendedRowToRowMapper(AppendedColumns columns) : IRowToRowMapper
{
    public DataViewSchema InputSchema => columns.Input;
    public DataViewSchema OutputSchema => columns.Output;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns) =>
        columns.InputColumnsFor(dependingColumns);

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new AppendedRow(columns, input, columns.ActiveOutputs(activeColumns));
}
