using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// Gemm for a few rows of C (m &lt; 8: a tiny last batch, backward of one row) with op(B) = B, where packing B would
/// cost more than the product: each row of C is built by streaming rows of B (c += A[i,p]·B[p,:]). Every element is the
/// same chain of fused multiply-adds over p in order as in the packed kernels, so a row's result does not depend on how
/// many rows are multiplied with it (scoring one row and a block of rows agree bit for bit). op(B) = Bᵀ would need
/// dot products (another summation order), so it takes the packed path.
/// </summary>
internal static unsafe class GemmSmall
{
    public const int MaxRows = GemmKernels.MR - 1;

    public static void Multiply(GemmPath path, bool transA, int m, int n, int k, float* a, float* b, float* c, bool accumulate)
    {
        // A[i,p] lives at a[i·rowStride + p·pStride].
        long rowStride = transA ? 1 : k, pStride = transA ? m : 1;
        for (int i = 0; i < m; i++)
        {
            float* ci = c + (long)i * n;
            AxpyRow(path, a + i * rowStride, pStride, b, n, k, ci, accumulate);
        }
    }

    // c[:] (+)= Σ_p A[p]·B[p,:] with B stored [k×n]; A[p] at a[p·pStride]. Columns are taken in chunks whose
    // accumulators stay in registers for the whole sum over p (no load and store of c per p); each element is still
    // the chain c = fma(A[p], B[p,j], c) over p in order, starting from 0 (or from c when accumulating).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AxpyRow(GemmPath path, float* a, long pStride, float* b, int n, int k, float* c, bool accumulate)
    {
        int j = 0;
        if (path == GemmPath.Vector512)
        {
            // 256 columns at once read each row of B as one contiguous stream (what one-row scoring's first layer is).
            for (; j + 256 <= n; j += 256) Columns256(a, pStride, b + j, n, k, c + j, accumulate);
            for (; j + 128 <= n; j += 128) Columns128(a, pStride, b + j, n, k, c + j, accumulate);
            for (; j + 16 <= n; j += 16)
            {
                var acc = accumulate ? Vector512.Load(c + j) : Vector512<float>.Zero;
                float* bp = b + j;
                for (int p = 0; p < k; p++, bp += n) acc = Vector512.FusedMultiplyAdd(Vector512.Create(a[p * pStride]), Vector512.Load(bp), acc);
                acc.Store(c + j);
            }
            if (j < n)
            {
                // The last n−j (< 16) columns in one masked vector (e.g. the 10 class logits): lanes past n are neither
                // read nor written, and each used lane is the same chain as the scalar loop's.
                var mask = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n - j)).AsSingle();
                var acc = accumulate ? Avx512F.MaskLoad(c + j, mask, Vector512<float>.Zero) : Vector512<float>.Zero;
                float* bp = b + j;
                for (int p = 0; p < k; p++, bp += n)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(a[p * pStride]), Avx512F.MaskLoad(bp, mask, Vector512<float>.Zero), acc);
                Avx512F.MaskStore(c + j, mask, acc);
                return;
            }
        }
        if (path >= GemmPath.Vector256)
            for (; j + 8 <= n; j += 8)
            {
                var acc = accumulate ? Vector256.Load(c + j) : Vector256<float>.Zero;
                float* bp = b + j;
                for (int p = 0; p < k; p++, bp += n) acc = Vector256.FusedMultiplyAdd(Vector256.Create(a[p * pStride]), Vector256.Load(bp), acc);
                acc.Store(c + j);
            }
        for (; j < n; j++)
        {
            float acc = accumulate ? c[j] : 0f;
            float* bp = b + j;
            for (int p = 0; p < k; p++, bp += n) acc = MathF.FusedMultiplyAdd(a[p * pStride], *bp, acc);
            c[j] = acc;
        }
    }

    // 256 columns: sixteen 16-float accumulators held in registers over all of p.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns256(float* a, long pStride, float* b, int n, int k, float* c, bool accumulate)
    {
        Vector512<float> c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15;
        if (accumulate)
        {
            c0 = Vector512.Load(c); c1 = Vector512.Load(c + 16); c2 = Vector512.Load(c + 32); c3 = Vector512.Load(c + 48);
            c4 = Vector512.Load(c + 64); c5 = Vector512.Load(c + 80); c6 = Vector512.Load(c + 96); c7 = Vector512.Load(c + 112);
            c8 = Vector512.Load(c + 128); c9 = Vector512.Load(c + 144); c10 = Vector512.Load(c + 160); c11 = Vector512.Load(c + 176);
            c12 = Vector512.Load(c + 192); c13 = Vector512.Load(c + 208); c14 = Vector512.Load(c + 224); c15 = Vector512.Load(c + 240);
        }
        else
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = c8 = c9 = c10 = c11 = c12 = c13 = c14 = c15 = Vector512<float>.Zero;
        }
        float* bp = b;
        for (int p = 0; p < k; p++, bp += n)
        {
            var x = Vector512.Create(a[p * pStride]);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 16), c1);
            c2 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 32), c2);
            c3 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 48), c3);
            c4 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 64), c4);
            c5 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 80), c5);
            c6 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 96), c6);
            c7 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 112), c7);
            c8 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 128), c8);
            c9 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 144), c9);
            c10 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 160), c10);
            c11 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 176), c11);
            c12 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 192), c12);
            c13 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 208), c13);
            c14 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 224), c14);
            c15 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 240), c15);
        }
        c0.Store(c); c1.Store(c + 16); c2.Store(c + 32); c3.Store(c + 48);
        c4.Store(c + 64); c5.Store(c + 80); c6.Store(c + 96); c7.Store(c + 112);
        c8.Store(c + 128); c9.Store(c + 144); c10.Store(c + 160); c11.Store(c + 176);
        c12.Store(c + 192); c13.Store(c + 208); c14.Store(c + 224); c15.Store(c + 240);
    }

    // 128 columns: eight 16-float accumulators held in registers over all of p.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Columns128(float* a, long pStride, float* b, int n, int k, float* c, bool accumulate)
    {
        Vector512<float> c0, c1, c2, c3, c4, c5, c6, c7;
        if (accumulate)
        {
            c0 = Vector512.Load(c); c1 = Vector512.Load(c + 16); c2 = Vector512.Load(c + 32); c3 = Vector512.Load(c + 48);
            c4 = Vector512.Load(c + 64); c5 = Vector512.Load(c + 80); c6 = Vector512.Load(c + 96); c7 = Vector512.Load(c + 112);
        }
        else
        {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector512<float>.Zero;
        }
        float* bp = b;
        for (int p = 0; p < k; p++, bp += n)
        {
            var x = Vector512.Create(a[p * pStride]);
            c0 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp), c0);
            c1 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 16), c1);
            c2 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 32), c2);
            c3 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 48), c3);
            c4 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 64), c4);
            c5 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 80), c5);
            c6 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 96), c6);
            c7 = Vector512.FusedMultiplyAdd(x, Vector512.Load(bp + 112), c7);
        }
        c0.Store(c); c1.Store(c + 16); c2.Store(c + 32); c3.Store(c + 48);
        c4.Store(c + 64); c5.Store(c + 80); c6.Store(c + 96); c7.Store(c + 112);
    }
}
