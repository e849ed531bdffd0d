namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>The streamed run's fixed sizes: blocks, the read-ahead, the shuffle pool, the sketches and the validation cap.</summary>
internal static class StreamingDefaults
{
    /// <summary>Bytes of features per block: 1 MiB (a block holds at least 64 rows).</summary>
    public const int BlockBytes = 1 << 20;
    /// <summary>Filled blocks the background reader may hold ahead of training: 4.</summary>
    public const int ReadAheadBlocks = 4;
    /// <summary>Bytes of features in the shuffle pool: 64 MiB (at least two batches of rows).</summary>
    public const long ShufflePoolBytes = 64L << 20;
    /// <summary>Values a quantile sketch level holds, summed over the features: 800,000 (about 64 MB per part for 20 levels).</summary>
    public const int SketchValues = 800_000;
    /// <summary>Smallest and largest per-level capacity of one feature's sketch.</summary>
    public const int SketchMinimumCapacity = 256, SketchMaximumCapacity = 8192;
    /// <summary>Rows held out to measure each epoch: at most the first 100,000 the hash draws (later drawn rows are trained on), fewer on wide data (<see cref="ValidationBytes"/>).</summary>
    public const int ValidationRows = 100_000;
    /// <summary>Bytes of features in the kept held-out rows: 64 MiB, as the shuffle pool (100,000 rows of up to 167 features).</summary>
    public const long ValidationBytes = 64L << 20;
    /// <summary>Seconds between two progress reports of the first pass.</summary>
    public const double ProgressSeconds = 1.0;

    /// <summary>Rows per block for <paramref name="featureCount"/> features.</summary>
    public static int BlockRows(int featureCount) => Math.Max(64, BlockBytes / (4 * featureCount));

    /// <summary>Held-out rows kept for validation with <paramref name="featureCount"/> features: at most <see cref="ValidationRows"/> and <see cref="ValidationBytes"/>, at least 1.</summary>
    public static int ValidationRowsFor(int featureCount) => (int)Math.Clamp(ValidationBytes / (4L * Math.Max(1, featureCount)), 1, ValidationRows);

    /// <summary>Rows in the shuffle pool for <paramref name="featureCount"/> features and batches of <paramref name="batchSize"/>.</summary>
    public static int PoolRows(int featureCount, int batchSize) =>
        (int)Math.Min(int.MaxValue / Math.Max(1, featureCount), Math.Max(2L * batchSize, ShufflePoolBytes / (4L * featureCount)));
}
