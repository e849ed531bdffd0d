using System.Runtime.Intrinsics;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// Gemm for a few rows of C (m &lt; 8: scoring one row, a tiny last batch), where packing op(B) would cost more than
/// the product. op(B) = Bᵀ: each element is a dot product of two contiguous k-vectors (16 lanes, then the lanes summed in
/// a fixed order); op(B) = B: each row of C is built by streaming rows of B (c += A[i,p]·B[p,:]). Single-threaded, so
/// the order of every sum is fixed by the shape.
/// </summary>
internal static unsafe class GemmSmall
{
    public const int MaxRows = GemmKernels.MR - 1;

    public static void Multiply(GemmPath path, bool transA, bool transB, int m, int n, int k, float* a, float* b, float* c, bool accumulate)
    {
        // A[i,p] lives at a[i·rowStride + p·pStride].
        long rowStride = transA ? 1 : k, pStride = transA ? m : 1;
        for (int i = 0; i < m; i++)
        {
            float* ci = c + (long)i * n;
            if (transB) DotRow(path, a + i * rowStride, pStride, b, n, k, ci, accumulate);
            else AxpyRow(path, a + i * rowStride, pStride, b, n, k, ci, accumulate);
        }
    }

    // c[j] (+)= Σ_p A[p]·B[j,p] with B stored [n×k]; A[p] at a[p·pStride].
    private static void DotRow(GemmPath path, float* a, long pStride, float* b, int n, int k, float* c, bool accumulate)
    {
        float* row = a;
        for (int j = 0; j < n; j++)
        {
            float* bj = b + (long)j * k;
            int p = 0;
            float s = 0f;
            if (path == GemmPath.Vector512 && pStride == 1 && k >= 16)
            {
                var acc = Vector512<float>.Zero;
                for (; p + 16 <= k; p += 16) acc = Vector512.FusedMultiplyAdd(Vector512.Load(row + p), Vector512.Load(bj + p), acc);
                s = Vector512.Sum(acc);
            }
            else if (path >= GemmPath.Vector256 && pStride == 1 && k >= 8)
            {
                var acc = Vector256<float>.Zero;
                for (; p + 8 <= k; p += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(row + p), Vector256.Load(bj + p), acc);
                s = Vector256.Sum(acc);
            }
            for (; p < k; p++) s = MathF.FusedMultiplyAdd(row[p * pStride], bj[p], s);
            c[j] = accumulate ? c[j] + s : s;
        }
    }

    // c[:] (+)= Σ_p A[p]·B[p,:] with B stored [k×n]; A[p] at a[p·pStride].
    private static void AxpyRow(GemmPath path, float* a, long pStride, float* b, int n, int k, float* c, bool accumulate)
    {
        if (!accumulate) new Span<float>(c, n).Clear();
        for (int p = 0; p < k; p++)
        {
            float x = a[p * pStride];
            float* bp = b + (long)p * n;
            int j = 0;
            if (path == GemmPath.Vector512)
            {
                var xv = Vector512.Create(x);
                for (; j + 16 <= n; j += 16) Vector512.FusedMultiplyAdd(xv, Vector512.Load(bp + j), Vector512.Load(c + j)).Store(c + j);
            }
            if (path >= GemmPath.Vector256)
            {
                var xv = Vector256.Create(x);
                for (; j + 8 <= n; j += 8) Vector256.FusedMultiplyAdd(xv, Vector256.Load(bp + j), Vector256.Load(c + j)).Store(c + j);
            }
            for (; j < n; j++) c[j] = MathF.FusedMultiplyAdd(x, bp[j], c[j]);
        }
    }
}
