using NeuralNet.MLExtensions.Engine.Scaling;

namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// What the first pass learns about one part of the rows (those trained on, or those held out): the row count, each
/// class's rows and example-weight sum, the features' moments, their quartile sketches (for Robust scaling) and the
/// regression targets' weighted moments. Bounded memory whatever the row count; two parts merge into one.
/// </summary>
internal sealed class PartStatistics
{
    private readonly RunningMoments _features;
    private readonly QuantileSketch[]? _sketches;
    private readonly RunningMoments? _targets;
    private readonly int _featureCount;

    public PartStatistics(int featureCount, int classCount, bool sketches, bool targets)
    {
        _featureCount = featureCount;
        _features = new RunningMoments(featureCount);
        ClassRows = new long[Math.Max(1, classCount)];
        ClassWeights = new double[Math.Max(1, classCount)];
        if (sketches)
        {
            int capacity = Math.Clamp(StreamingDefaults.SketchValues / featureCount, StreamingDefaults.SketchMinimumCapacity, StreamingDefaults.SketchMaximumCapacity);
            _sketches = new QuantileSketch[featureCount];
            for (int f = 0; f < featureCount; f++) _sketches[f] = new QuantileSketch(capacity);
        }
        if (targets) _targets = new RunningMoments(1);
    }

    public long Rows { get; private set; }
    /// <summary>Rows of each class (one group for regression).</summary>
    public long[] ClassRows { get; }
    /// <summary>Example-weight sum of each class (its rows when unweighted).</summary>
    public double[] ClassWeights { get; }

    /// <summary>Adds one row: features [d], its label, example weight and regression target.</summary>
    public void Add(ReadOnlySpan<float> features, int label, float weight, float target)
    {
        Rows++;
        ClassRows[label]++;
        ClassWeights[label] += weight;
        _features.Add(features);
        if (_sketches is not null)
            for (int f = 0; f < _sketches.Length; f++) _sketches[f].Add(features[f]);
        if (_targets is not null && weight > 0) _targets.Add([target], weight);
    }

    /// <summary>Adds <paramref name="other"/>'s rows.</summary>
    public void Merge(PartStatistics other)
    {
        Rows += other.Rows;
        for (int c = 0; c < ClassRows.Length; c++) (ClassRows[c], ClassWeights[c]) = (ClassRows[c] + other.ClassRows[c], ClassWeights[c] + other.ClassWeights[c]);
        _features.Merge(other._features);
        if (_sketches is not null)
            for (int f = 0; f < _sketches.Length; f++) _sketches[f].Merge(other._sketches![f]);
        _targets?.Merge(other._targets!);
    }

    /// <summary>The feature scaling of <paramref name="kind"/> these rows give (the rules of <see cref="FeatureStandardizer"/>), null for None.</summary>
    public FeatureStandardizer? Standardizer(FeatureScaling kind)
    {
        if (kind == FeatureScaling.None) return null;
        int d = _featureCount;
        var center = new float[d];
        var scale = new float[d];
        for (int f = 0; f < d; f++)
        {
            if (kind == FeatureScaling.Robust)
            {
                var sketch = _sketches ?? throw new InvalidOperationException("Robust scaling needs the quantile sketches of the first pass.");
                var (lower, median, upper) = sketch[f].Quartiles();
                center[f] = (float)median;
                scale[f] = RobustStatistics.Factor(upper - lower, sketch[f].Max - sketch[f].Min);
                continue;
            }
            center[f] = (float)_features.Mean(f);
            double sd = _features.StandardDeviation(f);
            scale[f] = sd > 1e-6 * Math.Max(1.0, Math.Abs(center[f])) ? (float)(1.0 / sd) : 1f;
        }
        return new FeatureStandardizer(center, scale, kind);
    }

    /// <summary>The regression targets' standardisation (the rules of <see cref="TargetStandardizer.Fit"/>).</summary>
    public TargetStandardizer TargetStandardizer()
    {
        double mean = _targets!.Weight > 0 ? _targets.Mean(0) : 0, sd = _targets.StandardDeviation(0);
        return new TargetStandardizer(mean, sd > 1e-12 * Math.Max(1, Math.Abs(mean)) && double.IsFinite(sd) ? sd : 1);
    }
}
