using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Data;

/// <summary>
/// Chooses how <c>Fit</c> reads the training data (<see cref="MlpOptionsBase.DataPath"/>): in memory, or streamed when
/// the estimated size of the rows, rows × (features + 3) × 4 bytes (features, label, weight, and room for the
/// validation copy), is above <see cref="MlpOptionsBase.MaximumInMemoryBytes"/> or the features would not fit one array.
/// </summary>
internal static class DataPathChoice
{
    /// <summary>The choice, the row count when it was counted (null when not needed), and the reason in words.</summary>
    internal readonly record struct Choice(bool Streams, long? Rows, string Reason);

    public static Choice Choose(MlpOptionsBase options, IDataView data, DataViewSchema.Column features, DataViewSchema.Column label)
    {
        switch (options.DataPath)
        {
            case MlpDataPath.InMemory: return new(false, null, "DataPath is InMemory");
            case MlpDataPath.Streaming: return new(true, data.GetRowCount(), "DataPath is Streaming");
        }
        int d = ((VectorDataViewType)features.Type).Size;
        long limit = InMemoryRowLimit(options.MaximumInMemoryBytes, d);
        // A data view that does not know its row count is counted only until it is past the limit: counting it all
        // would read data too large for memory once more before the first pass.
        long? known = data.GetRowCount();
        long rows = known ?? CountRows(data, label, limit + 1);
        bool streams = rows > limit;
        string size = known is null && streams ? $"more than {limit} rows of {d} features" : $"{rows} rows of {d} features, about {EstimatedBytes(rows, d) / (1 << 20)} MiB";
        return new(streams, streams ? known : rows, string.Create(CultureInfo.InvariantCulture,
            $"{size}, {(streams ? "more" : "not more")} than MaximumInMemoryBytes ({options.MaximumInMemoryBytes / (1 << 20)} MiB)"));
    }

    /// <summary>The most rows of <paramref name="featureCount"/> features Auto holds in memory: within the budget and one array.</summary>
    public static long InMemoryRowLimit(long budgetBytes, int featureCount) =>
        Math.Min(budgetBytes / (4L * (featureCount + 3)), Array.MaxLength / Math.Max(1, featureCount));

    // The rows of data, counting stopped at `stop`.
    private static long CountRows(IDataView data, DataViewSchema.Column label, long stop)
    {
        long n = 0;
        using var cursor = data.GetRowCursor([label]);
        while (n < stop && cursor.MoveNext()) n++;
        return n;
    }

    /// <summary>rows × (features + 3) × 4 bytes, saturating at long.MaxValue.</summary>
    public static long EstimatedBytes(long rows, int featureCount) =>
        rows > long.MaxValue / (4L * (featureCount + 3)) ? long.MaxValue : rows * 4L * (featureCount + 3);
}
