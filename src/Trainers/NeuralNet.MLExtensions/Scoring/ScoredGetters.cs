using Microsoft.ML;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>Getter lookup shared by the scored row and the scored cursor.</summary>
internal static class ScoredGetters
{
    public static ValueGetter<TValue> Get<TValue>(ScoringBindings bindings, DataViewRow input, RowScorer? scorer, bool[] active, DataViewSchema.Column column)
    {
        if (column.Index < bindings.Input.Count) return input.GetGetter<TValue>(input.Schema[column.Index]);
        int output = column.Index - bindings.Input.Count;
        if (output > 1 || !active[output] || scorer is null)
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when opening the cursor.");
        return scorer.Getter(output) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {bindings.Output[column.Index].Type}; it cannot be read as {typeof(TValue).Name}.");
    }
}
