using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>How <c>Fit</c> reads the training data: in memory, or streamed for data larger than memory.</summary>
public abstract partial class MlpOptionsBase
{
    /// <summary>
    /// How <c>Fit</c> reads the training data. <see cref="MlpDataPath.Auto"/> (default): in memory when the estimated
    /// size, rows × (features + 3) × 4 bytes, is at most <see cref="MaximumInMemoryBytes"/>, otherwise streamed.
    /// <see cref="MlpDataPath.Streaming"/> reads the data once for the statistics (scaling, class counts, rows) and
    /// again every epoch, through a background reader and a shuffle pool of about 64 MB, holding out the validation
    /// rows by a hash of their position (ValidationFraction of the rows, but at most 100,000 and 64 MB of them: rows
    /// drawn after those are trained on): memory stays bounded whatever the row count, but the model is not the in-memory
    /// one (other held-out rows, a local shuffle, no refit on all rows). The data source must give the same rows in the
    /// same order on every cursor (files and caches do). Validation data passed to <c>Fit</c> is read into memory.
    /// </summary>
    public MlpDataPath DataPath { get; set; } = MlpDefaults.DataPath;

    /// <summary>
    /// With <see cref="DataPath"/> Auto, the largest estimated size in bytes of the training rows held in memory
    /// (rows × (features + 3) × 4); larger data is streamed. Default 1 GiB; at least 0.
    /// </summary>
    public long MaximumInMemoryBytes { get; set; } = MlpDefaults.MaximumInMemoryBytes;

    /// <summary>
    /// When streaming, read every epoch through the data view's shuffled cursor (<c>GetRowCursor(columns, rand)</c>,
    /// seeded by the seed and the epoch) where the data allows it (<c>CanShuffle</c>: ML.NET's binary files and
    /// caches), so a file sorted by time or class is seen in a random block order, not only shuffled within the pool.
    /// Default false: at 10 million rows on the development machine, streamed epochs ran at ×0.56 of the in-memory ones
    /// with shuffled reads against ×0.81 in order. Rows are
    /// then known by their row id, which must be the row's index (as in binary files and caches); data that cannot
    /// shuffle is read in order and the log says so.
    /// </summary>
    public bool ShuffleStreamedReads { get; set; } = MlpDefaults.ShuffleStreamedReads;
}
