namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Per-feature standardisation x' = (x − mean)·scale, scale = 1/standard deviation, fitted on the training rows.
/// A constant feature gets scale 1, so it maps to 0 rather than to NaN.
/// </summary>
public sealed class FeatureStandardizer
{
    private readonly float[] _mean, _scale;

    /// <summary>A standardiser with the given statistics (copied); every value must be finite and each scale positive.</summary>
    public FeatureStandardizer(ReadOnlySpan<float> mean, ReadOnlySpan<float> scale)
    {
        if (mean.Length != scale.Length) throw new ArgumentException($"Mean has {mean.Length} values but scale has {scale.Length}.");
        for (int i = 0; i < mean.Length; i++)
        {
            if (!float.IsFinite(mean[i])) throw new ArgumentException($"Mean of feature {i} must be finite; got {mean[i]}.", nameof(mean));
            if (!float.IsFinite(scale[i]) || scale[i] <= 0f) throw new ArgumentException($"Scale of feature {i} must be finite and positive; got {scale[i]}.", nameof(scale));
        }
        _mean = mean.ToArray();
        _scale = scale.ToArray();
    }

    /// <summary>Number of features.</summary>
    public int FeatureCount => _mean.Length;
    /// <summary>Training mean of each feature.</summary>
    public ReadOnlySpan<float> Mean => _mean;
    /// <summary>1 / training standard deviation of each feature (1 for constant features).</summary>
    public ReadOnlySpan<float> Scale => _scale;

    /// <summary>Fits the statistics on rows: [rows×features] (population standard deviation, in double precision).</summary>
    public static FeatureStandardizer Fit(ReadOnlySpan<float> rows, int rowCount, int featureCount)
    {
        if (rows.Length < (long)rowCount * featureCount) throw new ArgumentException($"Expected [{rowCount}×{featureCount}] values; got {rows.Length}.");
        var sum = new double[featureCount];
        for (int r = 0; r < rowCount; r++)
        {
            ReadOnlySpan<float> row = rows.Slice(r * featureCount, featureCount);
            for (int f = 0; f < featureCount; f++) sum[f] += row[f];
        }
        var mean = new float[featureCount];
        for (int f = 0; f < featureCount; f++) mean[f] = (float)(sum[f] / Math.Max(1, rowCount));
        var sq = new double[featureCount];
        for (int r = 0; r < rowCount; r++)
        {
            ReadOnlySpan<float> row = rows.Slice(r * featureCount, featureCount);
            for (int f = 0; f < featureCount; f++)
            {
                double d = row[f] - (double)mean[f];
                sq[f] += d * d;
            }
        }
        var scale = new float[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            double sd = Math.Sqrt(sq[f] / Math.Max(1, rowCount));
            // Constant (or numerically constant) features: centre them, do not blow them up.
            scale[f] = sd > 1e-6 * Math.Max(1.0, Math.Abs(mean[f])) ? (float)(1.0 / sd) : 1f;
        }
        return new FeatureStandardizer(mean, scale);
    }

    /// <summary>Standardises <paramref name="rowCount"/> rows in place. rows: [rows×features].</summary>
    public void Apply(Span<float> rows, int rowCount)
    {
        int d = _mean.Length;
        for (int r = 0; r < rowCount; r++) Apply(rows.Slice(r * d, d), rows.Slice(r * d, d));
    }

    /// <summary>destination[f] = (source[f] − mean[f])·scale[f] for one row.</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination)
    {
        System.Numerics.Tensors.TensorPrimitives.Subtract(source[.._mean.Length], _mean, destination);
        System.Numerics.Tensors.TensorPrimitives.Multiply(destination[.._mean.Length], _scale, destination);
    }
}
