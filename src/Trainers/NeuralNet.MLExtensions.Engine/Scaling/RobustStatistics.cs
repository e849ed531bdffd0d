namespace NeuralNet.MLExtensions.Engine.Scaling;

/// <summary>
/// Fits <see cref="FeatureScaling.Robust"/>'s statistics, RealMLP's rule (Holzmüller et al. 2024): the centre is the
/// median; the scale is 1 / IQR (75 % minus 25 % quantile), or 1 / (½·(max − min)) when the IQR is 0, or 0 when the
/// feature is constant, so that it maps to 0 on every row. Exact quantiles of the training rows, unweighted (as
/// RealMLP; example weights do not enter), in double precision; one column buffer for all features.
/// </summary>
internal static class RobustStatistics
{
    /// <summary>rows: [rowCount×featureCount] → center, scale: [featureCount].</summary>
    public static (float[] Center, float[] Scale) Fit(ReadOnlySpan<float> rows, int rowCount, int featureCount)
    {
        if (rowCount < 1) throw new ArgumentException("Robust scaling needs at least one training row; got none.", nameof(rowCount));
        if (rows.Length < (long)rowCount * featureCount) throw new ArgumentException($"Expected [{rowCount}×{featureCount}] values; got {rows.Length}.", nameof(rows));
        var center = new float[featureCount];
        var scale = new float[featureCount];
        var column = new double[rowCount];
        for (int f = 0; f < featureCount; f++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int r = 0, i = f; r < rowCount; r++, i += featureCount)
            {
                double v = rows[i];
                if (!double.IsFinite(v))
                    throw new ArgumentException($"Feature {f} of training row {r} is {v}; robust feature scaling needs finite features (impute missing values first).", nameof(rows));
                column[r] = v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            var (lower, median, upper) = ExactQuantiles.Quartiles(column);
            center[f] = (float)median;
            scale[f] = Factor(upper - lower, max - min);
        }
        return (center, scale);
    }

    /// <summary>1 / spread, where the spread is the IQR, or half the range when the IQR is 0; 0 for a constant feature.</summary>
    internal static float Factor(double interQuartileRange, double range)
    {
        double spread = interQuartileRange > 0 ? interQuartileRange : 0.5 * range;
        // A spread below float's reach would give an infinite factor; the clipping caps the result anyway.
        return spread > 0 ? (float)Math.Min(1 / spread, float.MaxValue) : 0f;
    }
}
