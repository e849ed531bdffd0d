using NeuralNet.MLExtensions.Engine.Scaling;

namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// Quantiles of a stream of numbers in bounded memory, a KLL-style compactor sketch (Karnin, Lang, Liberty 2016):
/// level h holds values that stand for 2^h values each; a full level is sorted and every other value (alternating the
/// start, so no direction is favoured) moves up a level. With n values and capacity k a level, it keeps about
/// k·log2(n/k) values and a value's rank is off by about log2(n/k)/k of n. Until the first compaction it holds every
/// value, and its quartiles are the exact ones (<see cref="ExactQuantiles"/>), so small data scales as in memory.
/// Two sketches merge (<see cref="Merge"/>) as if one had seen both streams. Deterministic: no random draws.
/// </summary>
internal sealed class QuantileSketch
{
    private readonly int _capacity;
    private readonly List<float[]> _levels = [];
    private readonly List<int> _counts = [];
    private readonly List<bool> _odd = [];

    /// <param name="capacity">Values a level holds before it compacts, even, at least 2.</param>
    public QuantileSketch(int capacity)
    {
        _capacity = Math.Max(2, capacity & ~1);
        AddLevel();
    }

    /// <summary>Values seen.</summary>
    public long Count { get; private set; }
    /// <summary>Smallest value seen (+∞ before any).</summary>
    public double Min { get; private set; } = double.PositiveInfinity;
    /// <summary>Largest value seen (−∞ before any).</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Adds one value (finite).</summary>
    public void Add(float value)
    {
        Count++;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
        Push(0, value);
    }

    /// <summary>Adds everything <paramref name="other"/> has seen.</summary>
    public void Merge(QuantileSketch other)
    {
        Count += other.Count;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        for (int h = 0; h < other._levels.Count; h++)
            for (int i = 0; i < other._counts[h]; i++) Push(h, other._levels[h][i]);
    }

    /// <summary>The 25 %, 50 % and 75 % quantiles (at least one value seen): exact while nothing was compacted.</summary>
    public (double Lower, double Median, double Upper) Quartiles()
    {
        if (Count == 0) throw new InvalidOperationException("Quantiles need at least one value.");
        if (_levels.Count == 1)
        {
            var values = new double[_counts[0]];
            for (int i = 0; i < values.Length; i++) values[i] = _levels[0][i];
            return ExactQuantiles.Quartiles(values);
        }
        var items = new List<(float Value, long Weight)>();
        for (int h = 0; h < _levels.Count; h++)
            for (int i = 0; i < _counts[h]; i++) items.Add((_levels[h][i], 1L << h));
        items.Sort((a, b) => a.Value.CompareTo(b.Value));
        long total = items.Sum(item => item.Weight);
        return (At(items, total, 0.25), At(items, total, 0.5), At(items, total, 0.75));
    }

    // The value whose weighted rank first reaches q of the total (the items sorted by value).
    private static double At(List<(float Value, long Weight)> items, long total, double q)
    {
        double target = q * total, seen = 0;
        foreach (var (value, weight) in items)
        {
            seen += weight;
            if (seen >= target) return value;
        }
        return items[^1].Value;
    }

    private void Push(int level, float value)
    {
        while (_levels.Count <= level) AddLevel();
        _levels[level][_counts[level]++] = value;
        if (_counts[level] == _capacity) Compact(level);
    }

    // Sorts the full level and moves every other value up (starting at 0 or 1 by turns); the level ends empty.
    private void Compact(int level)
    {
        var values = _levels[level].AsSpan(0, _counts[level]);
        values.Sort();
        int start = _odd[level] ? 1 : 0;
        _odd[level] = !_odd[level];
        _counts[level] = 0;
        for (int i = start; i < values.Length; i += 2) Push(level + 1, values[i]);
    }

    private void AddLevel()
    {
        _levels.Add(new float[_capacity]);
        _counts.Add(0);
        _odd.Add(false);
    }
}
