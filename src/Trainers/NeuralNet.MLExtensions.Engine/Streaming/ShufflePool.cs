using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// A streamed epoch's shuffle: a pool of P row slots (features already scaled, label, weight, target). Rows enter it in
/// source order; once it is full, every mini-batch is B slots drawn at random from the whole pool (a partial
/// Fisher–Yates over the slot list), and the next B rows take those slots. When the source ends, the rows left are
/// shuffled and trained on in batches. A row can thus move up to P rows from its place in the file: on data that fits
/// the pool it is a full shuffle; on larger data a sorted file stays locally sorted over spans much larger than P.
/// </summary>
/// <remarks>
/// The slot list's invariant: slots[0..free) are empty, slots[free..P) hold rows. A batch uses slots[0..B), which then
/// become the empty ones.
/// </remarks>
internal sealed class ShufflePool
{
    private readonly int _featureCount;
    private readonly int[] _slots;
    private int _free;

    public ShufflePool(int capacity, int featureCount, bool weighted, bool regression)
    {
        _featureCount = featureCount;
        Features = new float[(long)capacity * featureCount];
        Labels = new int[capacity];
        Weights = weighted ? new float[capacity] : null;
        Targets = regression ? new float[capacity] : null;
        _slots = new int[capacity];
    }

    public float[] Features { get; }
    public int[] Labels { get; }
    public float[]? Weights { get; }
    public float[]? Targets { get; }
    /// <summary>The slot list: a batch's rows are slots[start..start+B).</summary>
    public int[] Order => _slots;
    public int Capacity => _slots.Length;
    /// <summary>Whether every slot holds a row.</summary>
    public bool IsFull => _free == 0;

    /// <summary>Empties the pool for a new epoch (the slot list back to 0..P−1, so every epoch starts alike).</summary>
    public void Reset()
    {
        for (int i = 0; i < _slots.Length; i++) _slots[i] = i;
        _free = _slots.Length;
    }

    /// <summary>An empty slot for the next row (the pool must not be full): its features span [d] and its index.</summary>
    public int Take(out Span<float> features)
    {
        int slot = _slots[--_free];
        features = Features.AsSpan(slot * _featureCount, _featureCount);
        return slot;
    }

    /// <summary>
    /// Draws <paramref name="batch"/> random slots of the full pool into slots[0..batch) and marks them empty (their
    /// rows stay readable until they are refilled).
    /// </summary>
    public void DrawBatch(int batch, SeededRandom random)
    {
        for (int i = 0; i < batch; i++)
        {
            int j = i + random.Next(_slots.Length - i);
            (_slots[i], _slots[j]) = (_slots[j], _slots[i]);
        }
        _free = batch;
    }

    /// <summary>Shuffles the rows left at the end of the stream; they are slots[start..P), returned as start.</summary>
    public int ShuffleRemaining(SeededRandom random)
    {
        random.Shuffle(_slots.AsSpan(_free));
        int start = _free;
        _free = _slots.Length;
        return start;
    }
}
