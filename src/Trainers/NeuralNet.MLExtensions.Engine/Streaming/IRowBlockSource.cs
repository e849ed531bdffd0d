namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// Training rows that are read, not held: every <see cref="Open(int)"/> reads all rows again from the start (the first
/// pass gathers the statistics, each epoch reads once more), in the same order, or, for a source that shuffles its
/// reads, in an order fixed by the pass, each row keeping its position (its identity, e.g. its index in a file). Rows a reader rejects (invalid values)
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

    /// <summary>
    /// A reader for pass <paramref name="pass"/> (0 the first pass, e ≥ 1 epoch e): the same order as
    /// <see cref="Open()"/> unless the source shuffles its reads, when the order depends on the pass alone.
    /// </summary>
    IRowBlockReader Open(int pass) => Open();
}

/// <summary>One sequential read of an <see cref="IRowBlockSource"/>.</summary>
internal interface IRowBlockReader : IDisposable
{
    /// <summary>Rows read from the source so far (skipped ones included).</summary>
    long Position { get; }

    /// <summary>Fills <paramref name="block"/> with the next rows; false (and Count 0) when there are none left.</summary>
    bool Read(RowBlock block);
}
