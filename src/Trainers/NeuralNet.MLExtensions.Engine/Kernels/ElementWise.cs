using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// Single-pass element-wise kernels of the training step (bias plus activation, ReLU derivative, bias gradient, Adam),
/// each with a Vector512 path, a Vector256 path and a scalar tail; every lane does exactly the scalar operations of
/// <see cref="ElementWiseReference"/> in the same order (no fused multiply-adds), so results match it bit for bit.
/// The last argument, <c>path</c>, is the widest path a call may take (tests narrow it to reach every path on a wide
/// machine); it is capped by <see cref="KernelPath.Default"/>.
/// Kernels are compiled fully optimised at once (a short scoring run would otherwise use tier-0 code).
/// </summary>
internal static unsafe class ElementWise
{
    /// <summary>z: [rows×width] ← z + bias (every row); a: [rows×width] = max(z, 0). a may be z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BiasRelu(ReadOnlySpan<float> bias, int rows, Span<float> z, Span<float> a, GemmPath path = GemmPath.Vector512)
    {
        int width = bias.Length;
        Check(rows, width, z.Length, a.Length);
        var (v512, v256) = Widths(path);
        fixed (float* pb = bias)
        fixed (float* pz = z)
        fixed (float* pa = a)
            for (int r = 0; r < rows; r++)
            {
                float* zr = pz + (long)r * width, ar = pa + (long)r * width;
                int j = 0;
                if (v512)
                    for (; j + 16 <= width; j += 16)
                    {
                        var v = Vector512.Load(zr + j) + Vector512.Load(pb + j);
                        v.Store(zr + j);
                        Vector512.Max(v, Vector512<float>.Zero).Store(ar + j);
                    }
                if (v256)
                    for (; j + 8 <= width; j += 8)
                    {
                        var v = Vector256.Load(zr + j) + Vector256.Load(pb + j);
                        v.Store(zr + j);
                        Vector256.Max(v, Vector256<float>.Zero).Store(ar + j);
                    }
                for (; j < width; j++)
                {
                    float v = zr[j] + pb[j];
                    zr[j] = v;
                    ar[j] = MathF.Max(v, 0f);
                }
            }
    }

    /// <summary>z: [rows×width] ← z + bias (every row).</summary>
    public static void BiasAdd(ReadOnlySpan<float> bias, int rows, Span<float> z)
    {
        int width = bias.Length;
        Check(rows, width, z.Length, z.Length);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = z.Slice(r * width, width);
            System.Numerics.Tensors.TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>ReLU backward read from the output: grad[i] = 0 where a[i] ≤ 0. a, grad: [n].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluBackward(ReadOnlySpan<float> a, Span<float> grad, GemmPath path = GemmPath.Vector512)
    {
        if (a.Length < grad.Length) throw new ArgumentException($"ReLU backward: {a.Length} activations for {grad.Length} gradients.");
        int n = grad.Length, i = 0;
        var (v512, v256) = Widths(path);
        fixed (float* pa = a)
        fixed (float* pg = grad)
        {
            if (v512)
                for (; i + 16 <= n; i += 16)
                    Vector512.ConditionalSelect(Vector512.LessThanOrEqual(Vector512.Load(pa + i), Vector512<float>.Zero),
                        Vector512<float>.Zero, Vector512.Load(pg + i)).Store(pg + i);
            if (v256)
                for (; i + 8 <= n; i += 8)
                    Vector256.ConditionalSelect(Vector256.LessThanOrEqual(Vector256.Load(pa + i), Vector256<float>.Zero),
                        Vector256<float>.Zero, Vector256.Load(pg + i)).Store(pg + i);
            for (; i < n; i++)
                if (pa[i] <= 0f) pg[i] = 0f;
        }
    }

    /// <summary>db: [width] = Σ_rows dz, summed row by row in order. dz: [rows×width].</summary>
    public static void ColumnSums(ReadOnlySpan<float> dz, int rows, Span<float> db)
    {
        int width = db.Length;
        Check(rows, width, dz.Length, dz.Length);
        db.Clear();
        for (int r = 0; r < rows; r++) System.Numerics.Tensors.TensorPrimitives.Add(db, dz.Slice(r * width, width), db);
    }

    /// <summary>
    /// The L2 gradient and the squared norm in one pass: g ← w·λ + g (skipped when λ = 0), then returns Σ g² (16 lanes
    /// summed in a fixed order). w, g: [n].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float AddScaledSumOfSquares(ReadOnlySpan<float> w, float lambda, Span<float> g, GemmPath path = GemmPath.Vector512)
    {
        int n = g.Length, i = 0;
        if (w.Length < n) throw new ArgumentException($"L2 gradient: {w.Length} weights for {n} gradients.");
        var (v512, v256) = Widths(path);
        bool scale = lambda != 0f;
        float sum = 0f;
        fixed (float* pw = w)
        fixed (float* pg = g)
        {
            if (v512 && n >= 16)
            {
                var l = Vector512.Create(lambda);
                var acc = Vector512<float>.Zero;
                for (; i + 16 <= n; i += 16)
                {
                    var gi = Vector512.Load(pg + i);
                    if (scale)
                    {
                        gi = Vector512.Load(pw + i) * l + gi;
                        gi.Store(pg + i);
                    }
                    acc += gi * gi;
                }
                sum = Vector512.Sum(acc);
            }
            else if (v256 && n >= 8)
            {
                var l = Vector256.Create(lambda);
                var acc = Vector256<float>.Zero;
                for (; i + 8 <= n; i += 8)
                {
                    var gi = Vector256.Load(pg + i);
                    if (scale)
                    {
                        gi = Vector256.Load(pw + i) * l + gi;
                        gi.Store(pg + i);
                    }
                    acc += gi * gi;
                }
                sum = Vector256.Sum(acc);
            }
            for (; i < n; i++)
            {
                float gi = pg[i];
                if (scale) pg[i] = gi = pw[i] * lambda + gi;
                sum += gi * gi;
            }
        }
        return sum;
    }

    /// <summary>
    /// One Adam step over p, g, m, v: [n]: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g·g; p ← p − step·m/(√v + eps);
    /// then a subnormal first moment m, a subnormal second moment v whose m is subnormal too, and a parameter below
    /// 2⁻⁶⁴ in size become 0. The
    /// weights of a unit that no longer learns (a ReLU that never fires, pulled to 0 by the L2 penalty) shrink
    /// geometrically, and their moments decay; once they are that small, their products in the forward and backward
    /// passes are subnormal, and every subnormal product costs the processor about a hundred cycles: a 12-100-2 network
    /// on 150,000 rows went from 60 ms to 620 ms per epoch over 37 epochs (flushing only subnormal values still let it
    /// reach 620 ms; flushing parameters below 2⁻⁶⁴ kept it under 95 ms). A weight of 2⁻⁶⁴ adds nothing a float sum of
    /// ordinary terms can hold, so the model is the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float beta1, float beta2, float step, float eps, GemmPath path = GemmPath.Vector512)
    {
        int n = p.Length;
        var (v512, v256) = Widths(path);
        if (g.Length < n || m.Length < n || v.Length < n) throw new ArgumentException($"Adam: every buffer must hold {n} values.");
        float c1 = 1f - beta1, c2 = 1f - beta2;
        int i = 0;
        fixed (float* pp = p)
        fixed (float* pg = g)
        fixed (float* pm = m)
        fixed (float* pv = v)
        {
            if (v512)
            {
                Vector512<float> b1 = Vector512.Create(beta1), b2 = Vector512.Create(beta2), k1 = Vector512.Create(c1), k2 = Vector512.Create(c2);
                Vector512<float> s = Vector512.Create(step), e = Vector512.Create(eps), normal = Vector512.Create(SmallestNormal), negligible = Vector512.Create(NegligibleParameter);
                for (; i + 16 <= n; i += 16)
                {
                    var gi = Vector512.Load(pg + i);
                    var mi = b1 * Vector512.Load(pm + i) + k1 * gi;
                    var vi = b2 * Vector512.Load(pv + i) + k2 * gi * gi;
                    var pi = Vector512.Load(pp + i) - s * mi / (Vector512.Sqrt(vi) + e);
                    (mi & Vector512.GreaterThanOrEqual(Vector512.Abs(mi), normal)).Store(pm + i);
                    (vi & (Vector512.GreaterThanOrEqual(vi, normal) | Vector512.GreaterThanOrEqual(Vector512.Abs(mi), normal))).Store(pv + i);
                    (pi & Vector512.GreaterThanOrEqual(Vector512.Abs(pi), negligible)).Store(pp + i);
                }
            }
            if (v256)
            {
                Vector256<float> b1 = Vector256.Create(beta1), b2 = Vector256.Create(beta2), k1 = Vector256.Create(c1), k2 = Vector256.Create(c2);
                Vector256<float> s = Vector256.Create(step), e = Vector256.Create(eps), normal = Vector256.Create(SmallestNormal), negligible = Vector256.Create(NegligibleParameter);
                for (; i + 8 <= n; i += 8)
                {
                    var gi = Vector256.Load(pg + i);
                    var mi = b1 * Vector256.Load(pm + i) + k1 * gi;
                    var vi = b2 * Vector256.Load(pv + i) + k2 * gi * gi;
                    var pi = Vector256.Load(pp + i) - s * mi / (Vector256.Sqrt(vi) + e);
                    (mi & Vector256.GreaterThanOrEqual(Vector256.Abs(mi), normal)).Store(pm + i);
                    (vi & (Vector256.GreaterThanOrEqual(vi, normal) | Vector256.GreaterThanOrEqual(Vector256.Abs(mi), normal))).Store(pv + i);
                    (pi & Vector256.GreaterThanOrEqual(Vector256.Abs(pi), negligible)).Store(pp + i);
                }
            }
            for (; i < n; i++)
            {
                float gi = pg[i];
                float mi = beta1 * pm[i] + c1 * gi;
                float vi = beta2 * pv[i] + c2 * gi * gi;
                float pi = pp[i] - step * mi / (MathF.Sqrt(vi) + eps);
                pm[i] = FlushSubnormal(mi);
                pv[i] = FlushSecondMoment(vi, mi);
                pp[i] = FlushNegligible(pi);
            }
        }
    }

    /// <summary>The smallest normal float, 2⁻¹²⁶ (about 1.18e−38); smaller non-zero sizes are subnormal.</summary>
    internal const float SmallestNormal = 1.17549435e-38f;

    /// <summary>0 for a value below the smallest normal float in size (a subnormal), otherwise the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float FlushSubnormal(float x) => MathF.Abs(x) >= SmallestNormal ? x : 0f;

    /// <summary>
    /// Adam's second moment v: 0 when it is subnormal and so is the first moment m, otherwise kept. Flushing v alone
    /// while m stays would turn the step m/(√v + ε) into m/ε, a jump when ε is tiny.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float FlushSecondMoment(float v, float m) => v >= SmallestNormal || MathF.Abs(m) >= SmallestNormal ? v : 0f;

    /// <summary>Parameters smaller than this, 2⁻⁶⁴ (about 5.4e−20), become 0.</summary>
    internal const float NegligibleParameter = 5.42101086e-20f;

    /// <summary>0 for a parameter below <see cref="NegligibleParameter"/> in size, otherwise the value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float FlushNegligible(float x) => MathF.Abs(x) >= NegligibleParameter ? x : 0f;

    /// <summary>Whether a call may take the Vector512 and the Vector256 loops (constant-folded where unsupported).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (bool V512, bool V256) Widths(GemmPath path)
    {
        path = KernelPath.AtMost(path);
        return (Vector512.IsHardwareAccelerated && path == GemmPath.Vector512, Vector256.IsHardwareAccelerated && path >= GemmPath.Vector256);
    }

    private static void Check(int rows, int width, int z, int a)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Rows must not be negative.");
        long size = (long)rows * width;
        if (z < size || a < size) throw new ArgumentException($"Expected [{rows}×{width}] buffers; got {z} and {a} values.");
    }
}
