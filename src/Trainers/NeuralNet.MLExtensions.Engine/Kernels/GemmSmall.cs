using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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

    // c[:] (+)= Σ_p A[p]·B[p,:] with B stored [k×n]; A[p] at a[p·pStride].
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
