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
        long rows = data.GetRowCount() ?? TrainingDataReader.CountRows(data, label);
        long bytes = EstimatedBytes(rows, d);
        bool streams = bytes > options.MaximumInMemoryBytes || rows * d > Array.MaxLength;
        return new(streams, rows, string.Create(CultureInfo.InvariantCulture,
            $"{rows} rows of {d} features, about {bytes / (1 << 20)} MiB, {(streams ? "more" : "not more")} than MaximumInMemoryBytes ({options.MaximumInMemoryBytes / (1 << 20)} MiB)"));
    }

    /// <summary>rows × (features + 3) × 4 bytes, saturating at long.MaxValue.</summary>
    public static long EstimatedBytes(long rows, int featureCount) =>
        rows > long.MaxValue / (4L * (featureCount + 3)) ? long.MaxValue : rows * 4L * (featureCount + 3);
}
