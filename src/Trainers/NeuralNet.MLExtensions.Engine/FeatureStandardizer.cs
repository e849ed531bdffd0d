using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Scaling;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// The per-feature scaling fitted on the training rows and applied to every row before the network
/// (<see cref="FeatureScaling"/>): z = (x − center)·scale, and for <see cref="FeatureScaling.Robust"/> then the smooth
/// clip z / √(1 + (z/3)²). Standard: center = mean, scale = 1/standard deviation (1 for a constant feature).
/// Robust: center = median, scale = 1/IQR (1/half-range when the IQR is 0, 0 for a constant feature).
/// </summary>
public sealed class FeatureStandardizer
{
    private readonly float[] _center, _scale;

    /// <summary>
    /// A scaling of kind <paramref name="kind"/> (Standard or Robust) with the given statistics (copied); every value
    /// must be finite and each scale positive (Standard) or at least 0 (Robust, 0 for a constant feature).
    /// </summary>
    public FeatureStandardizer(ReadOnlySpan<float> center, ReadOnlySpan<float> scale, FeatureScaling kind = FeatureScaling.Standard)
    {
        if (kind is not (FeatureScaling.Standard or FeatureScaling.Robust))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"A feature scaling is Standard or Robust; got {kind}. Use no FeatureStandardizer (null) for None.");
        if (center.Length != scale.Length) throw new ArgumentException($"Center has {center.Length} values but scale has {scale.Length}.");
        for (int i = 0; i < center.Length; i++)
        {
            if (!float.IsFinite(center[i])) throw new ArgumentException($"Center of feature {i} must be finite; got {center[i]}.", nameof(center));
            if (!IsValidScale(scale[i], kind))
                throw new ArgumentException($"Scale of feature {i} must be finite and {(kind == FeatureScaling.Robust ? "at least 0" : "positive")}; got {scale[i]}.", nameof(scale));
        }
        _center = center.ToArray();
        _scale = scale.ToArray();
        Kind = kind;
    }

    /// <summary>Standard or Robust.</summary>
    public FeatureScaling Kind { get; }
    /// <summary>Number of features.</summary>
    public int FeatureCount => _center.Length;
    /// <summary>Training mean (Standard) or median (Robust) of each feature.</summary>
    public ReadOnlySpan<float> Center => _center;
    /// <summary>The factor applied after centring: 1 / standard deviation (Standard) or 1 / IQR (Robust); see the class.</summary>
    public ReadOnlySpan<float> Scale => _scale;

    /// <summary>Whether <paramref name="scale"/> is a valid factor for <paramref name="kind"/>.</summary>
    internal static bool IsValidScale(float scale, FeatureScaling kind) =>
        float.IsFinite(scale) && (kind == FeatureScaling.Robust ? scale >= 0f : scale > 0f);

    /// <summary>
    /// Fits <paramref name="kind"/>'s statistics on rows: [rows×features], or gives null for <see cref="FeatureScaling.None"/>.
    /// </summary>
    public static FeatureStandardizer? Fit(FeatureScaling kind, ReadOnlySpan<float> rows, int rowCount, int featureCount) => kind switch
    {
        FeatureScaling.None => null,
        FeatureScaling.Standard => Fit(rows, rowCount, featureCount),
        FeatureScaling.Robust => FitRobust(rows, rowCount, featureCount),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"FeatureScaling must be one of {string.Join(", ", Enum.GetNames<FeatureScaling>())}; got {(int)kind}."),
    };

    /// <summary>Fits Standard statistics on rows: [rows×features] (population standard deviation, in double precision).</summary>
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

    /// <summary>
    /// Fits Robust statistics on rows: [rows×features] (at least one row, finite values): exact, unweighted quartiles
    /// in double precision.
    /// </summary>
    public static FeatureStandardizer FitRobust(ReadOnlySpan<float> rows, int rowCount, int featureCount)
    {
        var (center, scale) = RobustStatistics.Fit(rows, rowCount, featureCount);
        return new FeatureStandardizer(center, scale, FeatureScaling.Robust);
    }

    /// <summary>Scales <paramref name="rowCount"/> rows in place. rows: [rows×features].</summary>
    public void Apply(Span<float> rows, int rowCount)
    {
        int d = _center.Length;
        for (int r = 0; r < rowCount; r++) Apply(rows.Slice(r * d, d), rows.Slice(r * d, d));
    }

    /// <summary>Scales one row: source, destination: [features] (they may be the same span).</summary>
    public void Apply(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (Kind == FeatureScaling.Robust)
        {
            SmoothClip.ScaleAndClip(source, _center, _scale, destination);
            return;
        }
        System.Numerics.Tensors.TensorPrimitives.Subtract(source[.._center.Length], _center, destination);
        System.Numerics.Tensors.TensorPrimitives.Multiply(destination[.._center.Length], _scale, destination);
    }
}
