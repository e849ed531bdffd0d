namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>The slow, obvious matrix multiply in double precision that the tuned <see cref="Gemm"/> is tested against.</summary>
internal static class GemmReference
{
    /// <summary>C = op(A)·op(B) (+ C when accumulating); same layout rules as <see cref="Gemm.Multiply"/>.</summary>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, bool accumulate)
    {
        Gemm.CheckShapes(m, n, k, a.Length, b.Length, c.Length);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * m + i] : a[i * k + p];
                    float bv = transB ? b[j * k + p] : b[p * n + j];
                    s += (double)av * bv;
                }
                c[i * n + j] = (float)s;
            }
    }
}
