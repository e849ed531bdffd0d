using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Tests.Kernels;

/// <summary>
/// The one-row product (<see cref="Gemv"/>) gives, bit for bit, what <see cref="Gemm"/> gives for that row alone and
/// inside a block, on every path, over widths around its register chunks (256, 128, 16, 8 and a tail), with inputs
/// that are partly, wholly or not at all zero (zero inputs skip their row of the matrix).
/// </summary>
[TestClass]
public sealed class GemvTests
{
    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void Gemv_Multiply_MatchesGemmRowInABlock(int path)
    {
        var random = new Random(5);
        foreach (int n in new[] { 1, 7, 8, 10, 16, 17, 128, 130, 256, 300, 400, 513 })
            foreach (int k in new[] { 1, 5, 64, 257, 784 })
                foreach (double zeros in new[] { 0.0, 0.5, 1.0 })
                {
                    const int m = 9;   // a block takes the packed kernels
                    float[] a = Random(m * k, random, zeros), b = Random(k * n, random, 0), block = new float[m * n];
                    using var context = new ComputeContext(1, (GemmPath)path);
                    Gemm.Multiply(context, false, false, m, n, k, a, b, block, accumulate: false);
                    foreach (int i in new[] { 0, m - 1 })
                    {
                        var one = new float[n];
                        Gemv.Multiply((GemmPath)path, a.AsSpan(i * k, k), b, n, one);
                        CollectionAssert.AreEqual(block.AsSpan(i * n, n).ToArray(), one, $"{(GemmPath)path} n {n} k {k} zeros {zeros} row {i}");
                    }
                }
    }

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void Gemv_MultiplyParts_SplitOverTwoThreads_MatchesOneThreadBitForBit(int path)
    {
        var random = new Random(7);
        using var two = new ComputeContext(2, (GemmPath)path);
        foreach (int n in new[] { 256, 300, 400, 513 })
            foreach (int k in new[] { 600, 784 })
                foreach (double zeros in new[] { 0.0, 0.5 })
                {
                    Assert.IsTrue(Gemv.Splits(2, k, n), "the product must be large enough to be split");
                    float[] x = Random(k, random, zeros), b = Random(k * n, random, 0), one = new float[n], split = new float[n];
                    Gemv.Multiply((GemmPath)path, x, b, n, one);
                    var parts = Gemv.ToParts(b, k, n);
                    for (int repeat = 0; repeat < 20; repeat++)   // the worker takes parts on some calls, the caller all on others
                    {
                        Array.Fill(split, float.NaN);
                        Gemv.MultiplyParts(two, x, parts, n, split);
                        CollectionAssert.AreEqual(one, split, $"{(GemmPath)path} n {n} k {k} zeros {zeros} call {repeat}");
                    }
                }
    }

    [TestMethod]
    public void Gemv_Multiply_ShortBuffers_Throw()
    {
        Assert.ThrowsExactly<ArgumentException>(() => Gemv.Multiply(GemmPath.Scalar, new float[3], new float[5], 2, new float[2]));
        Assert.ThrowsExactly<ArgumentException>(() => Gemv.Multiply(GemmPath.Scalar, new float[3], new float[6], 2, new float[1]));
        using var two = new ComputeContext(2, GemmPath.Scalar);
        Assert.ThrowsExactly<ArgumentException>(() => Gemv.MultiplyParts(two, new float[600], new float[600 * 256 - 1], 256, new float[256]));
        Assert.ThrowsExactly<ArgumentException>(() => Gemv.MultiplyParts(two, new float[600], new float[600 * 256], 256, new float[255]));
        // A product too small to split, or a one-thread context, is refused by name rather than scored in the wrong layout.
        var small = Assert.ThrowsExactly<ArgumentException>(() => Gemv.MultiplyParts(two, new float[100], new float[100 * 256], 256, new float[256]));
        StringAssert.Contains(small.Message, "not split");
        using var one = new ComputeContext(1, GemmPath.Scalar);
        Assert.ThrowsExactly<ArgumentException>(() => Gemv.MultiplyParts(one, new float[600], new float[600 * 256], 256, new float[256]));
    }

    [TestMethod]
    public void Gemv_ToParts_EachPartIsItsColumnsContiguously()
    {
        const int k = 3, n = 300;   // parts of 128 and 172 columns
        var b = Enumerable.Range(0, k * n).Select(i => (float)i).ToArray();
        var parts = Gemv.ToParts(b, k, n);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < 128; j++) Assert.AreEqual(b[i * n + j], parts[i * 128 + j], $"part 0, row {i}, column {j}");
            for (int j = 128; j < n; j++) Assert.AreEqual(b[i * n + j], parts[k * 128 + i * 172 + (j - 128)], $"part 1, row {i}, column {j}");
        }
    }

    // Values in (−1, 1), each zero with probability `zeros`.
    private static float[] Random(int n, Random random, double zeros)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = random.NextDouble() < zeros ? 0f : (float)(random.NextDouble() * 2 - 1);
        return x;
    }
}
