using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// One row times a matrix, y[n] = x[k]·B[k×n] with B stored row-major [k×n] (a dense layer's transposed weights):
/// what scoring one row costs. B is streamed once, a row of B per nonzero x[p] (zero inputs, such as blank pixels or
/// the zeros ReLU gives, skip their row of B: fma(0, b, c) = c for finite b), with up to sixteen 16-float accumulators
/// held in registers over all of p. Each y[j] is the same chain of fused multiply-adds over p in order as in
/// <see cref="GemmSmall"/> and the packed kernels, so one row scores as it does in a block (bit for bit, but for the
/// sign of a zero sum, and for a zero input against an infinite or NaN weight).
/// </summary>
internal static unsafe class Gemv
{
    /// <summary>Longest x whose nonzero positions are listed on the stack; a longer one takes <see cref="GemmSmall"/>.</summary>
    public const int MaxInputs = 16_384;

    /// <summary>
    /// Fewest weights (k·n) a product must have to be split over threads: 131,072 (512 KB, half of a core's L2 on the
    /// machines we measure). Below that one core streams the weights faster than a second core can be handed its part;
    /// above, each core streams its own columns, which then stay in its own cache between calls.
    /// </summary>
    public const int MinimumSplitWeights = 131_072;

    /// <summary>Columns per part of a split product: 128 (eight 16-float accumulators).</summary>
    public const int SplitColumns = 128;

    /// <summary>
    /// Whether a product of k inputs and n columns is split over <paramref name="threads"/> threads: with more than one,
    /// at least <see cref="MinimumSplitWeights"/> weights and two parts of <see cref="SplitColumns"/> columns.
    /// </summary>
    public static bool Splits(int threads, int k, int n) =>
        threads > 1 && n >= 2 * SplitColumns && (long)k * n >= MinimumSplitWeights && k <= MaxInputs;

    /// <summary>
    /// B [k×n] row-major in the layout <see cref="MultiplyParts"/> reads: the parts of <see cref="SplitColumns"/> columns
    /// (the last takes the rest) one after the other, part p (columns first..first+count) at offset k·first as [k×count]
    /// row-major, so each part is one contiguous stretch of memory that one core keeps in its cache.
    /// </summary>
    public static float[] ToParts(ReadOnlySpan<float> b, int k, int n)
    {
        Gemm.CheckShapes(1, n, k, k, b.Length, n);
        var parts = new float[(long)k * n];
        int count = n / SplitColumns;
        for (int p = 0; p < count; p++)
        {
            int first = p * SplitColumns, width = p == count - 1 ? n - first : SplitColumns;
            for (int i = 0; i < k; i++) b.Slice(i * n + first, width).CopyTo(parts.AsSpan(k * first + i * width, width));
        }
        return parts;
    }

    /// <summary>
    /// y = x·B on <paramref name="context"/>'s threads, B given as <see cref="ToParts"/> made it (a product that
    /// <see cref="Splits"/>): each thread takes its own parts when it can, so call after call a core streams the same
    /// weights. Each y[j] is the same chain of fused multiply-adds whichever thread computes it, so the result is
    /// <see cref="Multiply(GemmPath, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float})"/>'s bit for bit.
    /// </summary>
    public static void MultiplyParts(ComputeContext context, ReadOnlySpan<float> x, ReadOnlySpan<float> parts, int n, Span<float> y)
    {
        int k = x.Length;
        Gemm.CheckShapes(1, n, k, k, parts.Length, y.Length);
        if (!Splits(context.Threads, k, n))
            throw new ArgumentException($"A product of {k} inputs and {n} columns is not split on {context.Threads} thread(s); use Multiply.", nameof(parts));
        context.GemvJob.Run(context, x, parts, n, y);
    }

    /// <summary>y = x·B. x: [k], b: [k×n] row-major, y: [n].</summary>
    public static void Multiply(GemmPath path, ReadOnlySpan<float> x, ReadOnlySpan<float> b, int n, Span<float> y)
    {
        int k = x.Length;
        Gemm.CheckShapes(1, n, k, k, b.Length, y.Length);
        if (n == 0) return;
        fixed (float* px = x)
        fixed (float* pb = b)
        fixed (float* py = y)
        {
            if (k > MaxInputs)
            {
                GemmSmall.Multiply(path, transA: false, 1, n, k, px, pb, py, accumulate: false);
                return;
            }
            Columns(path, px, k, pb, n, n, py);
        }
    }

    /// <summary>
    /// y[0..n) = x·B[:, 0..n) for B [k×stride] row-major (n ≤ stride): x: [k] (k ≤ <see cref="MaxInputs"/>).
    /// </summary>
    [SkipLocalsInit]
    internal static void Columns(GemmPath path, float* x, int k, float* b, int stride, int n, float* y)
    {
        int* rows = stackalloc int[k];
        int nonzero = Nonzeros(x, k, rows);
        Rows(path, x, rows, nonzero, b, stride, n, y);
    }

    /// <summary>Writes the p with x[p] ≠ 0 (NaN included) to <paramref name="rows"/> in increasing order; returns how many.</summary>
    internal static int Nonzeros(float* x, int k, int* rows)
    {
        int count = 0, p = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; p + 8 <= k; p += 8)
            {
                uint zero = Vector256.Equals(Vector256.Load(x + p), Vector256<float>.Zero).ExtractMostSignificantBits();
                for (uint bits = ~zero & 0xFFu; bits != 0; bits &= bits - 1) rows[count++] = p + BitOperations.TrailingZeroCount(bits);
            }
        for (; p < k; p++)
            if (x[p] != 0f) rows[count++] = p;
        return count;
    }

    // y[0..n) = Σ over the listed p of x[p]·B[p, 0..n), in the order listed; B's rows are `stride` floats apart.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows(GemmPath path, float* x, int* rows, int count, float* b, int stride, int n, float* y)
    {
        int j = 0;
        if (path == GemmPath.Vector512)
        {
            for (; j + 256 <= n; j += 256) Columns256(x, rows, count, b + j, stride, y + j);
            for (; j + 128 <= n; j += 128) Columns128(x, rows, count, b + j, stride, y + j);
            for (; j + 16 <= n; j += 16)
            {
                var acc = Vector512<float>.Zero;
                for (int t = 0; t < count; t++)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(x[rows[t]]), Vector512.Load(b + (long)rows[t] * stride + j), acc);
                acc.Store(y + j);
            }
            if (j < n)
            {
                // The last n−j (< 16) columns in one masked vector (e.g. the 10 class logits).
                var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n - j)).AsSingle();
                var acc = Vector512<float>.Zero;
                for (int t = 0; t < count; t++)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(x[rows[t]]), Avx512F.MaskLoad(b + (long)rows[t] * stride + j, mask, Vector512<float>.Zero), acc);
                Avx512F.MaskStore(y + j, mask, acc);
                return;
            }
        }
        if (path >= GemmPath.Vector256)
            for (; j + 8 <= n; j += 8)
            {
                var acc = Vector256<float>.Zero;
                for (int t = 0; t < count; t++)
                    acc = Vector256.FusedMultiplyAdd(Vector256.Create(x[rows[t]]), Vector256.Load(b + (long)rows[t] * stride + j), acc);
                acc.Store(y + j);
            }
        for (; j < n; j++)
        {
            float acc = 0f;
            for (int t = 0; t < count; t++) acc = MathF.FusedMultiplyAdd(x[rows[t]], b[(long)rows[t] * stride + j], acc);
            y[j] = acc;
        }
    }

    // 256 columns: sixteen 16-float accumulators held in registers over every listed p (one 1 KB stretch of B per p).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns256(float* x, int* rows, int count, float* b, int n, float* y)
    {
        Vector512<float> c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15;
        c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = c8 = c9 = c10 = c11 = c12 = c13 = c14 = c15 = Vector512<float>.Zero;
        for (int t = 0; t < count; t++)
        {
            int p = rows[t];
            float* bp = b + (long)p * n;
            var v = Vector512.Create(x[p]);
            c0 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp), c0);
            c1 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 16), c1);
            c2 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 32), c2);
            c3 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 48), c3);
            c4 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 64), c4);
            c5 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 80), c5);
            c6 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 96), c6);
            c7 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 112), c7);
            c8 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 128), c8);
            c9 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 144), c9);
            c10 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 160), c10);
            c11 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 176), c11);
            c12 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 192), c12);
            c13 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 208), c13);
            c14 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 224), c14);
            c15 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 240), c15);
        }
        c0.Store(y); c1.Store(y + 16); c2.Store(y + 32); c3.Store(y + 48);
        c4.Store(y + 64); c5.Store(y + 80); c6.Store(y + 96); c7.Store(y + 112);
        c8.Store(y + 128); c9.Store(y + 144); c10.Store(y + 160); c11.Store(y + 176);
        c12.Store(y + 192); c13.Store(y + 208); c14.Store(y + 224); c15.Store(y + 240);
    }

    // 128 columns: eight 16-float accumulators held in registers over every listed p.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns128(float* x, int* rows, int count, float* b, int n, float* y)
    {
        Vector512<float> c0, c1, c2, c3, c4, c5, c6, c7;
        c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector512<float>.Zero;
        for (int t = 0; t < count; t++)
        {
            int p = rows[t];
            float* bp = b + (long)p * n;
            var v = Vector512.Create(x[p]);
            c0 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp), c0);
            c1 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 16), c1);
            c2 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 32), c2);
            c3 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 48), c3);
            c4 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 64), c4);
            c5 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 80), c5);
            c6 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 96), c6);
            c7 = Vector512.FusedMultiplyAdd(v, Vector512.Load(bp + 112), c7);
        }
        c0.Store(y); c1.Store(y + 16); c2.Store(y + 32); c3.Store(y + 48);
        c4.Store(y + 64); c5.Store(y + 80); c6.Store(y + 96); c7.Store(y + 112);
    }
}
