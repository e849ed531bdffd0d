using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Tests.Kernels;

/// <summary>
/// Gemm against <see cref="GemmReference"/> over sizes 0, 1, odd, around the vector width (16), the tile (8×32), the
/// k block (256) and the row block (192), all four transpose combinations, overwrite and accumulate, every path and
/// 1 and 2 threads (which must agree bit for bit).
/// </summary>
[TestClass]
public sealed class GemmTests
{
    private static readonly int[] Sizes = [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 65];

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void Gemm_Multiply_SmallSizes_MatchReference(int path)
    {
        var random = new Random(1);
        foreach (int m in Sizes)
            foreach (int n in Sizes)
                foreach (int k in new[] { 0, 1, 5, 16, 37 })
                    Check((GemmPath)path, m, n, k, random);
    }

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void Gemm_Multiply_BlockBoundaries_MatchReference(int path)
    {
        var random = new Random(2);
        // The big training shapes on the fastest path only: the fallbacks share the blocking code, and the reference is slow.
        int[][] shapes = (GemmPath)path == KernelPath.Hardware
            ? [[128, 256, 784], [200, 70, 257], [193, 33, 512], [8, 800, 128], [10, 128, 128], [128, 10, 128], [67, 784, 256]]
            : [[200, 70, 257], [193, 33, 512], [10, 128, 128], [128, 10, 128]];
        foreach (var s in shapes) Check((GemmPath)path, s[0], s[1], s[2], random);
    }

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void Gemm_Multiply_FewRowsManyColumns_MatchReference(int path)
    {
        // Fewer than 8 rows stream B without packing, in register chunks of 128, 16 and 8 columns and a scalar tail.
        var random = new Random(4);
        foreach (var (m, n, k) in new[] { (1, 128, 5), (1, 129, 37), (3, 300, 16), (7, 256, 70), (2, 392, 1), (5, 1000, 64) })
            Check((GemmPath)path, m, n, k, random);
    }

    [TestMethod]
    public void Gemm_Multiply_OneAndTwoThreads_BitIdentical()
    {
        var random = new Random(3);
        foreach (var (m, n, k) in new[] { (128, 256, 784), (256, 784, 128), (128, 784, 256), (10, 128, 128), (67, 10, 300), (5, 1000, 64) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    float[] a = Random(m * k, random), b = Random(k * n, random), c1 = Random(m * n, random);
                    float[] c2 = (float[])c1.Clone();
                    using var one = new ComputeContext(1);
                    using var two = new ComputeContext(2);
                    Gemm.Multiply(one, ta, tb, m, n, k, a, b, c1, accumulate: true);
                    Gemm.Multiply(two, ta, tb, m, n, k, a, b, c2, accumulate: true);
                    CollectionAssert.AreEqual(c1, c2, $"{m}×{n}×{k} transA {ta} transB {tb}");
                }
    }

    [TestMethod]
    public void Gemm_Multiply_OneRowAlone_BitIdenticalToThatRowInABlock()
    {
        // Scoring one row and scoring a block must agree exactly, whatever route each size takes.
        var random = new Random(4);
        foreach (var (m, n, k) in new[] { (37, 70, 300), (9, 256, 64), (130, 10, 784) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    float[] a = Random(m * k, random), b = Random(k * n, random), block = new float[m * n];
                    using var context = new ComputeContext(2);
                    Gemm.Multiply(context, ta, tb, m, n, k, a, b, block, accumulate: false);
                    foreach (int i in new[] { 0, m / 2, m - 1 })
                    {
                        // Row i of op(A) as a 1×k matrix (the same values whichever way A is stored).
                        var row = new float[k];
                        for (int p = 0; p < k; p++) row[p] = ta ? a[p * m + i] : a[i * k + p];
                        var one = new float[n];
                        Gemm.Multiply(context, false, tb, 1, n, k, row, b, one, accumulate: false);
                        CollectionAssert.AreEqual(block.AsSpan(i * n, n).ToArray(), one, $"{m}×{n}×{k} transA {ta} transB {tb} row {i}");
                    }
                }
    }

    [TestMethod]
    public void Gemm_Multiply_ShortBuffers_Throw()
    {
        using var context = new ComputeContext(1);
        Assert.ThrowsExactly<ArgumentException>(() => Gemm.Multiply(context, false, false, 2, 2, 2, new float[3], new float[4], new float[4], false));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Gemm.Multiply(context, false, false, -1, 2, 2, new float[4], new float[4], new float[4], false));
    }

    private static void Check(GemmPath path, int m, int n, int k, Random random)
    {
        foreach (bool ta in new[] { false, true })
            foreach (bool tb in new[] { false, true })
                foreach (bool accumulate in new[] { false, true })
                    foreach (int threads in new[] { 1, 2 })
                    {
                        float[] a = Random(m * k, random), b = Random(k * n, random), c = Random(m * n, random);
                        float[] expected = (float[])c.Clone();
                        GemmReference.Multiply(ta, tb, m, n, k, a, b, expected, accumulate);
                        using var context = new ComputeContext(threads, path);
                        Gemm.Multiply(context, ta, tb, m, n, k, a, b, c, accumulate);
                        for (int i = 0; i < m * n; i++)
                            Assert.AreEqual(expected[i], c[i], 1e-5f * (k + 1),
                                $"{path} {m}×{n}×{k} transA {ta} transB {tb} accumulate {accumulate} threads {threads}: element {i}");
                    }
    }

    private static float[] Random(int n, Random random)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        return x;
    }
}
