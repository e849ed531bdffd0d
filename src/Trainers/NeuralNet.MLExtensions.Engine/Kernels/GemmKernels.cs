using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// Gemm's micro-kernels: one 8×32 tile of C (+)= A[8×kc]·P[kc×32] with P a packed panel of op(B). Every element is a
/// chain of fused multiply-adds over p in order on every path, so a tile's result does not depend on which thread or
/// which part computes it. Edge tiles (fewer rows or columns) go through a full-size tile on the stack.
/// </summary>
internal static unsafe class GemmKernels
{
    public const int MR = 8, NR = 32;

    /// <summary>
    /// C[rows×cols] (+ C when <paramref name="load"/>) += A[rows×kc]·panel[kc×cols]; rows ≤ 8, cols ≤ 32; A[r,p] at
    /// a[r·rowStride + p·pStride]; panel holds 32 floats per p; C rows are <paramref name="ldc"/> apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile(GemmPath path, int kc, float* a, long rowStride, long pStride, int rows, float* panel,
        float* c, long ldc, int cols, bool load)
    {
        if (rows == MR && cols == NR)
        {
            Full(path, kc, a, rowStride, pStride, panel, c, ldc, load);
            return;
        }
        // Edge tile: columns past n are zero in the panel and computed into a tile on the stack, then dropped; with
        // fewer than 8 rows each live row goes through the one-row kernel (the same chain per element).
        float* tile = stackalloc float[MR * NR];
        if (rows == MR)
        {
            if (load) Copy(c, ldc, tile, NR, rows, cols);
            Full(path, kc, a, rowStride, pStride, panel, tile, NR, load);
            Copy(tile, NR, c, ldc, rows, cols);
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            if (cols == NR)
            {
                Row(path, kc, a + r * rowStride, pStride, panel, c + r * ldc, load);
                continue;
            }
            if (load) Copy(c + r * ldc, ldc, tile, NR, 1, cols);
            Row(path, kc, a + r * rowStride, pStride, panel, tile, load);
            Copy(tile, NR, c + r * ldc, ldc, 1, cols);
        }
    }

    // C[1×32] (+)= A[1×kc]·P[kc×32]: one row (scoring one row, the rows past the last multiple of 8).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Row(GemmPath path, int kc, float* a, long pStride, float* panel, float* c, bool load)
    {
        long o = 0;
        switch (path)
        {
            case GemmPath.Vector512:
            {
                Vector512<float> c0 = load ? Vector512.Load(c) : Vector512<float>.Zero, c1 = load ? Vector512.Load(c + 16) : Vector512<float>.Zero;
                for (int p = 0; p < kc; p++, o += pStride, panel += NR)
                {
                    var x = Vector512.Create(a[o]);
                    c0 = Vector512.FusedMultiplyAdd(x, Vector512.Load(panel), c0);
                    c1 = Vector512.FusedMultiplyAdd(x, Vector512.Load(panel + 16), c1);
                }
                c0.Store(c);
                c1.Store(c + 16);
                break;
            }
            case GemmPath.Vector256:
            {
                Vector256<float> c0 = load ? Vector256.Load(c) : Vector256<float>.Zero, c1 = load ? Vector256.Load(c + 8) : Vector256<float>.Zero;
                Vector256<float> c2 = load ? Vector256.Load(c + 16) : Vector256<float>.Zero, c3 = load ? Vector256.Load(c + 24) : Vector256<float>.Zero;
                for (int p = 0; p < kc; p++, o += pStride, panel += NR)
                {
                    var x = Vector256.Create(a[o]);
                    c0 = Vector256.FusedMultiplyAdd(x, Vector256.Load(panel), c0);
                    c1 = Vector256.FusedMultiplyAdd(x, Vector256.Load(panel + 8), c1);
                    c2 = Vector256.FusedMultiplyAdd(x, Vector256.Load(panel + 16), c2);
                    c3 = Vector256.FusedMultiplyAdd(x, Vector256.Load(panel + 24), c3);
                }
                c0.Store(c);
                c1.Store(c + 8);
                c2.Store(c + 16);
                c3.Store(c + 24);
                break;
            }
            default:
                for (int j = 0; j < NR; j++)
                {
                    float s = load ? c[j] : 0f;
                    for (int p = 0; p < kc; p++) s = MathF.FusedMultiplyAdd(a[p * pStride], panel[p * NR + j], s);
                    c[j] = s;
                }
                break;
        }
    }

    private static void Copy(float* src, long srcStride, float* dst, long dstStride, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<float>(src + r * srcStride, cols).CopyTo(new Span<float>(dst + r * dstStride, cols));
    }

    // A full 8×32 tile on the chosen path.
    private static void Full(GemmPath path, int kc, float* a, long rowStride, long pStride, float* panel, float* c, long ldc, bool load)
    {
        switch (path)
        {
            case GemmPath.Vector512:
                Kernel512(kc, a, rowStride, pStride, panel, c, ldc, load);
                break;
            case GemmPath.Vector256:
                Kernel256(kc, a, rowStride, pStride, panel, c, ldc, load);
                Kernel256(kc, a, rowStride, pStride, panel + 16, c + 16, ldc, load);
                Kernel256(kc, a + 4 * rowStride, rowStride, pStride, panel, c + 4 * ldc, ldc, load);
                Kernel256(kc, a + 4 * rowStride, rowStride, pStride, panel + 16, c + 4 * ldc + 16, ldc, load);
                break;
            default:
                Scalar(kc, a, rowStride, pStride, panel, c, ldc, load);
                break;
        }
    }

    // C[8×32] (+)= A[8×kc]·P[kc×32]; A[r,p] at a[r·rowStride + p·pStride], P packed 32 floats per p, C rows ldc apart.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512(int kc, float* a, long rowStride, long pStride, float* panel, float* c, long ldc, bool load)
    {
        float* a0 = a + 0 * rowStride, a1 = a + 1 * rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride, a4 = a + 4 * rowStride, a5 = a + 5 * rowStride, a6 = a + 6 * rowStride, a7 = a + 7 * rowStride;
        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = Vector512.Load(c + 0 * ldc); c01 = Vector512.Load(c + 0 * ldc + 16);
            c10 = Vector512.Load(c + 1 * ldc); c11 = Vector512.Load(c + 1 * ldc + 16);
            c20 = Vector512.Load(c + 2 * ldc); c21 = Vector512.Load(c + 2 * ldc + 16);
            c30 = Vector512.Load(c + 3 * ldc); c31 = Vector512.Load(c + 3 * ldc + 16);
            c40 = Vector512.Load(c + 4 * ldc); c41 = Vector512.Load(c + 4 * ldc + 16);
            c50 = Vector512.Load(c + 5 * ldc); c51 = Vector512.Load(c + 5 * ldc + 16);
            c60 = Vector512.Load(c + 6 * ldc); c61 = Vector512.Load(c + 6 * ldc + 16);
            c70 = Vector512.Load(c + 7 * ldc); c71 = Vector512.Load(c + 7 * ldc + 16);
        }
        else
        {
            c00 = Vector512<float>.Zero; c01 = Vector512<float>.Zero;
            c10 = Vector512<float>.Zero; c11 = Vector512<float>.Zero;
            c20 = Vector512<float>.Zero; c21 = Vector512<float>.Zero;
            c30 = Vector512<float>.Zero; c31 = Vector512<float>.Zero;
            c40 = Vector512<float>.Zero; c41 = Vector512<float>.Zero;
            c50 = Vector512<float>.Zero; c51 = Vector512<float>.Zero;
            c60 = Vector512<float>.Zero; c61 = Vector512<float>.Zero;
            c70 = Vector512<float>.Zero; c71 = Vector512<float>.Zero;
        }
        long o = 0;
        for (int p = 0; p < kc; p++, o += pStride, panel += NR)
        {
            Vector512<float> b0 = Vector512.Load(panel), b1 = Vector512.Load(panel + 16), x;
            x = Vector512.Create(a0[o]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[o]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a2[o]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a3[o]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a4[o]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a5[o]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a6[o]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a7[o]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
        }
        c00.Store(c + 0 * ldc); c01.Store(c + 0 * ldc + 16);
        c10.Store(c + 1 * ldc); c11.Store(c + 1 * ldc + 16);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 16);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 16);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 16);
        c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 16);
        c60.Store(c + 6 * ldc); c61.Store(c + 6 * ldc + 16);
        c70.Store(c + 7 * ldc); c71.Store(c + 7 * ldc + 16);
    }

    // C[4×16] (+)= A[4×kc]·P[kc×16 of a 32-wide panel]: the AVX2 fallback (16 registers) covers an 8×32 tile in four calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256(int kc, float* a, long rowStride, long pStride, float* panel, float* c, long ldc, bool load)
    {
        float* a0 = a + 0 * rowStride, a1 = a + 1 * rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride;
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (load)
        {
            c00 = Vector256.Load(c + 0 * ldc); c01 = Vector256.Load(c + 0 * ldc + 8);
            c10 = Vector256.Load(c + 1 * ldc); c11 = Vector256.Load(c + 1 * ldc + 8);
            c20 = Vector256.Load(c + 2 * ldc); c21 = Vector256.Load(c + 2 * ldc + 8);
            c30 = Vector256.Load(c + 3 * ldc); c31 = Vector256.Load(c + 3 * ldc + 8);
        }
        else
        {
            c00 = Vector256<float>.Zero; c01 = Vector256<float>.Zero;
            c10 = Vector256<float>.Zero; c11 = Vector256<float>.Zero;
            c20 = Vector256<float>.Zero; c21 = Vector256<float>.Zero;
            c30 = Vector256<float>.Zero; c31 = Vector256<float>.Zero;
        }
        long o = 0;
        for (int p = 0; p < kc; p++, o += pStride, panel += NR)
        {
            Vector256<float> b0 = Vector256.Load(panel), b1 = Vector256.Load(panel + 8), x;
            x = Vector256.Create(a0[o]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a1[o]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a2[o]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a3[o]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
        }
        c00.Store(c + 0 * ldc); c01.Store(c + 0 * ldc + 8);
        c10.Store(c + 1 * ldc); c11.Store(c + 1 * ldc + 8);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8);
    }

    private static void Scalar(int kc, float* a, long rowStride, long pStride, float* panel, float* c, long ldc, bool load)
    {
        for (int r = 0; r < MR; r++)
            for (int j = 0; j < NR; j++)
            {
                float s = load ? c[r * ldc + j] : 0f;
                for (int p = 0; p < kc; p++) s = MathF.FusedMultiplyAdd(a[r * rowStride + p * pStride], panel[p * NR + j], s);
                c[r * ldc + j] = s;
            }
    }
}
