namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// Weighted mean and variance of one or more streamed columns in one pass (West's update of Welford's method, in
/// double precision), mergeable with Chan's formula: what <see cref="FeatureStandardizer.Fit(ReadOnlySpan{float}, int, int)"/>
/// and <see cref="TargetStandardizer.Fit"/> compute with two passes over held rows.
/// </summary>
internal sealed class RunningMoments(int columns)
{
    private readonly double[] _mean = new double[columns], _squares = new double[columns];

    /// <summary>Total weight seen (the row count when every weight is 1).</summary>
    public double Weight { get; private set; }

    /// <summary>Adds one row of values: [columns], with weight <paramref name="weight"/> (&gt; 0).</summary>
    public void Add(ReadOnlySpan<float> values, double weight = 1)
    {
        Weight += weight;
        double share = weight / Weight;
        for (int c = 0; c < _mean.Length; c++)
        {
            double delta = values[c] - _mean[c];
            _mean[c] += share * delta;
            _squares[c] += weight * delta * (values[c] - _mean[c]);
        }
    }

    /// <summary>Adds everything <paramref name="other"/> has seen.</summary>
    public void Merge(RunningMoments other)
    {
        if (other.Weight == 0) return;
        double total = Weight + other.Weight;
        for (int c = 0; c < _mean.Length; c++)
        {
            double delta = other._mean[c] - _mean[c];
            _squares[c] += other._squares[c] + delta * delta * Weight * other.Weight / total;
            _mean[c] += delta * other.Weight / total;
        }
        Weight = total;
    }

    /// <summary>Mean of column <paramref name="c"/> (0 before any row).</summary>
    public double Mean(int c) => _mean[c];

    /// <summary>Population standard deviation of column <paramref name="c"/> (0 before any row).</summary>
    public double StandardDeviation(int c) => Weight > 0 ? Math.Sqrt(Math.Max(0, _squares[c] / Weight)) : 0;
}
