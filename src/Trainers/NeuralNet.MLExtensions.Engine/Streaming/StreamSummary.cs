namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// The first pass's result: the statistics of the rows trained on and of the rows held out (kept apart, so a run that
/// ends up holding out nothing merges them), the features with many values (for the embeddings), and the first
/// held-out rows (at most <see cref="StreamingDefaults.ValidationRowsFor"/>), which measure every epoch.
/// </summary>
internal sealed class StreamSummary
{
    private bool _merged;

    public StreamSummary(HoldOut holdOut, PartStatistics train, PartStatistics held, int[] manyValued, ValidationSet? validation, long positions)
    {
        HoldOut = holdOut;
        Train = train;
        Held = held;
        ManyValued = manyValued;
        Validation = validation;
        Positions = positions;
    }

    /// <summary>The split rule the pass used.</summary>
    public HoldOut HoldOut { get; }
    /// <summary>Rows outside the held-out part.</summary>
    public PartStatistics Train { get; }
    /// <summary>Rows held out.</summary>
    public PartStatistics Held { get; }
    /// <summary>Features with more than two distinct values over all rows.</summary>
    public int[] ManyValued { get; }
    /// <summary>The held-out rows, or null when none was held out.</summary>
    public ValidationSet? Validation { get; }
    /// <summary>Rows the source gave, skipped ones included.</summary>
    public long Positions { get; }
    /// <summary>What the pass read (every row, held out or not); every epoch's read must give the same.</summary>
    public ReadFingerprint Fingerprint { get; init; }

    /// <summary>All rows' statistics (valid rows, held out or not).</summary>
    public long Rows => _merged ? Train.Rows : Train.Rows + Held.Rows;

    /// <summary>Each class's rows over all rows.</summary>
    public long[] ClassRows => _merged ? Train.ClassRows : [.. Train.ClassRows.Zip(Held.ClassRows, (a, b) => a + b)];

    /// <summary>
    /// The statistics of the rows a run trains on: <see cref="Train"/> when it holds out rows, otherwise (once)
    /// <see cref="Train"/> merged with <see cref="Held"/>.
    /// </summary>
    public PartStatistics TrainedOn(bool holdsOut)
    {
        if (holdsOut || _merged) return Train;
        Train.Merge(Held);
        _merged = true;
        return Train;
    }
}
