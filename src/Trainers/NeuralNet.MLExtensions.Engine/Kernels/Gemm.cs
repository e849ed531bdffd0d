namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// Single-precision matrix multiply C[m×n] = op(A)·op(B) (+ C when accumulating), row-major.
/// op(A) is A stored [m×k], or Aᵀ of A stored [k×m] when <c>transA</c>; op(B) is B stored [k×n], or Bᵀ of B stored
/// [n×k] when <c>transB</c>. Cache-blocked and packed (see <see cref="GemmJob"/>): B is packed into 32-column panels,
/// A is read in place, and 8×32 tiles of C are computed by a register-blocked micro-kernel (<see cref="GemmKernels"/>).
/// Threads take fixed ranges of panels (or of 8-row blocks when there are few panels), and every element is summed over
/// k in the same order whatever the thread count, so results are bit-identical on 1 and on many threads. Fewer than
/// 8 rows with op(B) = B go to <see cref="GemmSmall"/>, which needs no packing. Every element of C is one chain of fused
/// multiply-adds over p in order on every route, so a row's result never depends on the other rows in the call.
/// </summary>
internal static class Gemm
{
    /// <summary>C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>.</summary>
    public static void Multiply(ComputeContext context, bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, bool accumulate)
    {
        CheckShapes(m, n, k, a.Length, b.Length, c.Length);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }
        if (m <= GemmSmall.MaxRows && !transB)
        {
            unsafe
            {
                fixed (float* pa = a)
                fixed (float* pb = b)
                fixed (float* pc = c)
                    GemmSmall.Multiply(context.Path, transA, m, n, k, pa, pb, pc, accumulate);
            }
            return;
        }
        context.GemmJob.Run(context, transA, transB, m, n, k, a, b, c, accumulate);
    }

    internal static void CheckShapes(int m, int n, int k, int aLength, int bLength, int cLength)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"Matrix sizes must not be negative; got m={m}, n={n}, k={k}.");
        if (aLength < (long)m * k) throw new ArgumentException($"A must hold {m}×{k}={m * k} elements; it has {aLength}.");
        if (bLength < (long)k * n) throw new ArgumentException($"B must hold {k}×{n}={k * n} elements; it has {bLength}.");
        if (cLength < (long)m * n) throw new ArgumentException($"C must hold {m}×{n}={m * n} elements; it has {cLength}.");
    }
}
