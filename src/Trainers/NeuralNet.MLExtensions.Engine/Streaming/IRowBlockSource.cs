namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// Training rows that are read, not held: every <see cref="Open"/> reads all rows again from the start, in the same
/// order (the first pass gathers the statistics, each epoch reads once more). Rows a reader rejects (invalid values)
/// are skipped by the reader; labels it gives are in 0..K−1 and weights finite and at least 0.
/// </summary>
internal interface IRowBlockSource
{
    /// <summary>Values per row.</summary>
    int FeatureCount { get; }
    /// <summary>Whether rows carry example weights.</summary>
    bool HasWeights { get; }
    /// <summary>Whether rows carry regression targets.</summary>
    bool HasTargets { get; }
    /// <summary>The data as messages name it, e.g. "the training data (IDataView with columns Features, Label)".</summary>
    string Name { get; }

    /// <summary>A reader positioned before the first row; the caller disposes it.</summary>
    IRowBlockReader Open();
}

/// <summary>One sequential read of an <see cref="IRowBlockSource"/>.</summary>
internal interface IRowBlockReader : IDisposable
{
    /// <summary>Rows read from the source so far (skipped ones included): the position of the next row.</summary>
    long Position { get; }

    /// <summary>Fills <paramref name="block"/> with the next rows; false (and Count 0) when there are none left.</summary>
    bool Read(RowBlock block);
}
