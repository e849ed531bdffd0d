using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Benchmarks.Baseline;

/// <summary>
/// The engine's first Gemm (commit 3ecb0d5: unpacked i-k-j, Bᵀ transposed into scratch, Parallel.For), kept as the
/// baseline the benchmark compares the current kernels against. Single-precision matrix multiply C[m×n] = op(A)·op(B) (+ C when accumulating), row-major.
/// op(A) is A stored [m×k], or Aᵀ of A stored [k×m] when <c>transA</c>; op(B) is B stored [k×n], or Bᵀ of B stored
/// [n×k] when <c>transB</c>. Rows of C are split over threads in fixed blocks and every element is summed over k in
/// the same order whatever the thread count, so results are bit-identical on 1 and on many threads.
/// </summary>
internal static unsafe class BaselineGemm
{
    private const int RowBlock = 4;

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

        ReadOnlySpan<float> bRowMajor = b;
        if (transB)
        {
            // The kernel streams rows of B [k×n]; lay Bᵀ out that way once per call.
            float[] scratch = context.Scratch(k * n);
            Transpose(b, n, k, scratch);
            bRowMajor = scratch.AsSpan(0, k * n);
        }

        fixed (float* pa = a)
        fixed (float* pb = bRowMajor)
        fixed (float* pc = c)
        {
            var job = new Job(pa, pb, pc, m, n, k, transA, accumulate);
            int blocks = (m + RowBlock - 1) / RowBlock;
            long work = (long)m * n * k;
            int threads = Math.Min(context.Threads, blocks);
            if (threads <= 1 || work < 32_768)
            {
                job.Rows(0, m);
                return;
            }
            // Fixed partition of row blocks: thread t takes blocks [t·blocks/threads, (t+1)·blocks/threads).
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int b0 = (int)((long)t * blocks / threads), b1 = (int)((long)(t + 1) * blocks / threads);
                job.Rows(b0 * RowBlock, Math.Min(m, b1 * RowBlock));
            });
        }
    }

    /// <summary>dst[cols×rows] = srcᵀ for src stored [rows×cols].</summary>
    public static void Transpose(ReadOnlySpan<float> src, int rows, int cols, Span<float> dst)
    {
        if (src.Length < rows * cols || dst.Length < rows * cols)
            throw new ArgumentException($"Transpose of a {rows}×{cols} matrix needs {rows * cols} elements; got {src.Length} and {dst.Length}.");
        const int T = 16;
        for (int i0 = 0; i0 < rows; i0 += T)
            for (int j0 = 0; j0 < cols; j0 += T)
            {
                int i1 = Math.Min(rows, i0 + T), j1 = Math.Min(cols, j0 + T);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++)
                        dst[j * rows + i] = src[i * cols + j];
            }
    }

    internal static void CheckShapes(int m, int n, int k, int aLength, int bLength, int cLength)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"Matrix sizes must not be negative; got m={m}, n={n}, k={k}.");
        if (aLength < (long)m * k) throw new ArgumentException($"A must hold {m}×{k}={m * k} elements; it has {aLength}.");
        if (bLength < (long)k * n) throw new ArgumentException($"B must hold {k}×{n}={k * n} elements; it has {bLength}.");
        if (cLength < (long)m * n) throw new ArgumentException($"C must hold {m}×{n}={m * n} elements; it has {cLength}.");
    }

    private readonly struct Job(float* a, float* b, float* c, int m, int n, int k, bool transA, bool accumulate)
    {
        // A[i,p] lives at a[i·aRow + p·aCol].
        private readonly int _aRow = transA ? 1 : k, _aCol = transA ? m : 1;

        public void Rows(int i0, int i1)
        {
            int i = i0;
            for (; i + RowBlock <= i1; i += RowBlock) Block4(i);
            for (; i < i1; i++) Block1(i);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Block4(int i)
        {
            float* a0 = a + (long)i * _aRow, a1 = a0 + _aRow, a2 = a1 + _aRow, a3 = a2 + _aRow;
            float* c0 = c + (long)i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; j + 32 <= n; j += 32)
                {
                    Vector512<float> x00 = Load(c0 + j), x01 = Load(c0 + j + 16);
                    Vector512<float> x10 = Load(c1 + j), x11 = Load(c1 + j + 16);
                    Vector512<float> x20 = Load(c2 + j), x21 = Load(c2 + j + 16);
                    Vector512<float> x30 = Load(c3 + j), x31 = Load(c3 + j + 16);
                    float* bp = b + j;
                    for (int p = 0; p < k; p++, bp += n)
                    {
                        var b0 = Vector512.Load(bp);
                        var b1 = Vector512.Load(bp + 16);
                        long off = (long)p * _aCol;
                        var s0 = Vector512.Create(a0[off]); var s1 = Vector512.Create(a1[off]);
                        var s2 = Vector512.Create(a2[off]); var s3 = Vector512.Create(a3[off]);
                        x00 = Vector512.FusedMultiplyAdd(s0, b0, x00); x01 = Vector512.FusedMultiplyAdd(s0, b1, x01);
                        x10 = Vector512.FusedMultiplyAdd(s1, b0, x10); x11 = Vector512.FusedMultiplyAdd(s1, b1, x11);
                        x20 = Vector512.FusedMultiplyAdd(s2, b0, x20); x21 = Vector512.FusedMultiplyAdd(s2, b1, x21);
                        x30 = Vector512.FusedMultiplyAdd(s3, b0, x30); x31 = Vector512.FusedMultiplyAdd(s3, b1, x31);
                    }
                    x00.Store(c0 + j); x01.Store(c0 + j + 16);
                    x10.Store(c1 + j); x11.Store(c1 + j + 16);
                    x20.Store(c2 + j); x21.Store(c2 + j + 16);
                    x30.Store(c3 + j); x31.Store(c3 + j + 16);
                }
            }
            for (; j + 8 <= n; j += 8)
            {
                Vector256<float> x0 = Load8(c0 + j), x1 = Load8(c1 + j), x2 = Load8(c2 + j), x3 = Load8(c3 + j);
                float* bp = b + j;
                for (int p = 0; p < k; p++, bp += n)
                {
                    var bv = Vector256.Load(bp);
                    long off = (long)p * _aCol;
                    x0 = Vector256.FusedMultiplyAdd(Vector256.Create(a0[off]), bv, x0);
                    x1 = Vector256.FusedMultiplyAdd(Vector256.Create(a1[off]), bv, x1);
                    x2 = Vector256.FusedMultiplyAdd(Vector256.Create(a2[off]), bv, x2);
                    x3 = Vector256.FusedMultiplyAdd(Vector256.Create(a3[off]), bv, x3);
                }
                x0.Store(c0 + j); x1.Store(c1 + j); x2.Store(c2 + j); x3.Store(c3 + j);
            }
            for (; j < n; j++)
            {
                ScalarColumn(a0, c0, j); ScalarColumn(a1, c1, j); ScalarColumn(a2, c2, j); ScalarColumn(a3, c3, j);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Block1(int i)
        {
            float* a0 = a + (long)i * _aRow;
            float* c0 = c + (long)i * n;
            int j = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; j + 32 <= n; j += 32)
                {
                    Vector512<float> x0 = Load(c0 + j), x1 = Load(c0 + j + 16);
                    float* bp = b + j;
                    for (int p = 0; p < k; p++, bp += n)
                    {
                        var s = Vector512.Create(a0[(long)p * _aCol]);
                        x0 = Vector512.FusedMultiplyAdd(s, Vector512.Load(bp), x0);
                        x1 = Vector512.FusedMultiplyAdd(s, Vector512.Load(bp + 16), x1);
                    }
                    x0.Store(c0 + j); x1.Store(c0 + j + 16);
                }
            }
            for (; j + 8 <= n; j += 8)
            {
                Vector256<float> x0 = Load8(c0 + j);
                float* bp = b + j;
                for (int p = 0; p < k; p++, bp += n)
                    x0 = Vector256.FusedMultiplyAdd(Vector256.Create(a0[(long)p * _aCol]), Vector256.Load(bp), x0);
                x0.Store(c0 + j);
            }
            for (; j < n; j++) ScalarColumn(a0, c0, j);
        }

        // One element, summed over k in the same order, with fused multiply-adds like the vector paths.
        private void ScalarColumn(float* aRow, float* cRow, int j)
        {
            float s = accumulate ? cRow[j] : 0f;
            float* bp = b + j;
            for (int p = 0; p < k; p++, bp += n) s = MathF.FusedMultiplyAdd(aRow[(long)p * _aCol], *bp, s);
            cRow[j] = s;
        }

        private Vector512<float> Load(float* p) => accumulate ? Vector512.Load(p) : Vector512<float>.Zero;
        private Vector256<float> Load8(float* p) => accumulate ? Vector256.Load(p) : Vector256<float>.Zero;
    }
}
