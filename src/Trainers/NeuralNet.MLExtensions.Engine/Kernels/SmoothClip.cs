using System.Numerics;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// Robust scaling with smooth clipping of one row: destination[f] = c(z), z = (source[f] − center[f])·scale[f],
/// c(z) = z / √(1 + (z/3)²). c is odd, c(z) ≈ z for small z and tends to ±3; |z| is capped at <see cref="Cap"/> first
/// (where c already rounds to ±3 in float), so (z/3)² cannot overflow and ±∞ maps to ±3.
/// </summary>
internal static class SmoothClip
{
    /// <summary>The largest |z| computed; beyond it c(z) is ±3 to float precision.</summary>
    public const float Cap = 1e6f;

    /// <summary>source, center, scale, destination: [features]; destination may be source.</summary>
    public static void ScaleAndClip(ReadOnlySpan<float> source, ReadOnlySpan<float> center, ReadOnlySpan<float> scale, Span<float> destination)
    {
        int n = center.Length;
        if (source.Length < n || scale.Length != n || destination.Length < n)
            throw new ArgumentException($"Expected {n} values in source, scale and destination; got {source.Length}, {scale.Length} and {destination.Length}.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var third = new Vector<float>(1f / 3f);
            var cap = new Vector<float>(Cap);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var z = (new Vector<float>(source[i..]) - new Vector<float>(center[i..])) * new Vector<float>(scale[i..]);
                z = Vector.Min(Vector.Max(z, -cap), cap);
                var t = z * third;
                (z / Vector.SquareRoot(Vector<float>.One + t * t)).CopyTo(destination[i..]);
            }
        }
        for (; i < n; i++) destination[i] = Scalar((source[i] - center[i]) * scale[i]);
    }

    /// <summary>c(z) for one value, as the vector loop computes it.</summary>
    public static float Scalar(float z)
    {
        z = MathF.Min(MathF.Max(z, -Cap), Cap);
        float t = z * (1f / 3f);
        return z / MathF.Sqrt(1f + t * t);
    }

    /// <summary>The slow, obvious version in double precision, for tests: no cap is needed there.</summary>
    public static void ScaleAndClipReference(ReadOnlySpan<float> source, ReadOnlySpan<float> center, ReadOnlySpan<float> scale, Span<float> destination)
    {
        for (int i = 0; i < center.Length; i++)
        {
            double z = ((double)source[i] - center[i]) * scale[i];
            destination[i] = double.IsInfinity(z) ? 3f * Math.Sign(z) : (float)(z / Math.Sqrt(1 + (z / 3) * (z / 3)));
        }
    }
}
