namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// The one random source of a training run: uniform and Gaussian draws from a fixed seed, so the same seed gives the
/// same initial weights and the same shuffles on every run and every machine.
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private readonly Random _random = new(seed);
    private double? _spare;

    /// <summary>
    /// An independent source for one stream (e.g. one epoch's shuffle and dropout masks) of a run, derived from the
    /// seed and the stream number alone, so a resumed run draws exactly what an uninterrupted one would.
    /// </summary>
    public static SeededRandom Derive(int seed, int stream)
    {
        // SplitMix64 finaliser over (seed, stream): a fixed mix, unlike HashCode, which is randomised per process.
        ulong z = ((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new SeededRandom((int)(z & 0x7FFFFFFF));
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>Uniform integer in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => _random.Next(count);

    /// <summary>Standard normal draw (Box–Muller, the second value kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_spare is double s)
        {
            _spare = null;
            return s;
        }
        double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }
}
