namespace NeuralNet.MLExtensions.Engine;

/// <summary>How <c>Fit</c> reads the training data: held in memory, or streamed through cursors epoch by epoch.</summary>
public enum MlpDataPath
{
    /// <summary>
    /// In memory when the data's estimated size (rows × (features + 3) × 4 bytes) is at most
    /// <c>MaximumInMemoryBytes</c>, streamed otherwise (the default).
    /// </summary>
    Auto = 0,
    /// <summary>Always copy the rows into memory first (fails when they do not fit one array).</summary>
    InMemory = 1,
    /// <summary>
    /// Always stream: a first pass computes the statistics, then every epoch reads the data again through a shuffle
    /// pool, with memory bounded whatever the row count.
    /// </summary>
    Streaming = 2,
}
