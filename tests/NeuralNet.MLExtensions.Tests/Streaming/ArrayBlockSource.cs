using NeuralNet.MLExtensions.Engine.Streaming;

namespace NeuralNet.MLExtensions.Tests.Streaming;

/// <summary>
/// Rows in arrays served as a streamed source, with hooks a test needs: a failure at a given row of a given read, a
/// callback per block served (to cancel mid-epoch), and a count of the reads and blocks.
/// </summary>
internal sealed class ArrayBlockSource(float[] features, int featureCount, int[] labels, float[]? weights = null, float[]? targets = null) : IRowBlockSource
{
    private readonly float[] _features = features;
    private readonly int[] _labels = labels;
    private readonly float[]? _weights = weights, _targets = targets;

    public int FeatureCount => featureCount;
    public bool HasWeights => _weights is not null;
    public bool HasTargets => _targets is not null;
    public string Name => "the test rows";
    /// <summary>Reads opened so far (the first pass is read 1).</summary>
    public int Reads { get; private set; }
    /// <summary>Readers opened and not yet disposed.</summary>
    public int OpenReaders => _open;
    private int _open;
    /// <summary>Blocks served over all reads.</summary>
    public int BlocksServed { get; private set; }
    /// <summary>Fail read <c>Read</c> when it reaches row <c>Row</c>.</summary>
    public (int Read, long Row)? FailAt { get; init; }
    /// <summary>Called with (read, block) before each block is filled.</summary>
    public Action<int, int>? BeforeBlock { get; init; }
    /// <summary>Rows the source has (the last read may be told to give fewer).</summary>
    public int Rows => _labels.Length;
    /// <summary>Rows to leave out of reads after the first (a source that changes between reads).</summary>
    public int DropAfterFirstRead { get; init; }
    /// <summary>Whether read <c>Read</c> skips the row at a position (as a reader skips an invalid row; positions still count it).</summary>
    public Func<int, long, bool>? Skip { get; init; }
    /// <summary>Changes the features of the row at a position in read <c>Read</c> (a source whose values change between reads).</summary>
    public Action<int, long, Span<float>>? EditRow { get; init; }

    /// <summary>Shuffle the reads of passes after the first (a permutation seeded by the pass), rows keeping their index as position.</summary>
    public bool ShuffleReads { get; init; }

    /// <summary>The row indices in the order each pass read them (pass 0 first), when <see cref="ShuffleReads"/> is on.</summary>
    public List<(int Pass, int[] Order)> PassOrders { get; } = [];

    public IRowBlockReader Open() => Open(0);

    public IRowBlockReader Open(int pass)
    {
        Interlocked.Increment(ref _open);
        int[]? order = null;
        if (ShuffleReads)
        {
            order = Enumerable.Range(0, Rows).ToArray();
            if (pass > 0) new Random(pass).Shuffle(order);
            PassOrders.Add((pass, order));
        }
        return new Reader(this, ++Reads, order);
    }

    private sealed class Reader(ArrayBlockSource source, int read, int[]? order) : IRowBlockReader
    {
        private int _block;

        public long Position { get; private set; }

        public bool Read(RowBlock block)
        {
            source.BeforeBlock?.Invoke(read, _block++);
            int d = source.FeatureCount, rows = source.Rows - (read > 1 ? source.DropAfterFirstRead : 0), n = 0;
            while (n < block.Capacity && Position < rows)
            {
                if (source.FailAt is { } fail && fail.Read == read && fail.Row == Position)
                    throw new IOException($"disk error at byte {Position * d * 4}");
                int r = order is null ? (int)Position : order[Position];
                if (source.Skip?.Invoke(read, Position) == true) { Position++; continue; }
                source._features.AsSpan(r * d, d).CopyTo(block.Row(n));
                source.EditRow?.Invoke(read, Position, block.Row(n));
                block.Labels[n] = source._labels[r];
                if (block.Weights is { } w) w[n] = source._weights![r];
                if (block.Targets is { } t) t[n] = source._targets![r];
                block.Positions[n] = r;
                Position++;
                n++;
            }
            block.Count = n;
            if (n > 0) source.BlocksServed++;
            return n > 0;
        }

        public void Dispose() => Interlocked.Decrement(ref source._open);
    }
}
