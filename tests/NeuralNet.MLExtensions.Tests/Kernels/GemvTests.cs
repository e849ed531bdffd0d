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
    public void Gemv_Multiply_ShortBuffers_Throw()
    {
        Assert.ThrowsExactly<ArgumentException>(() => Gemv.Multiply(GemmPath.Scalar, new float[3], new float[5], 2, new float[2]));
        Assert.ThrowsExactly<ArgumentException>(() => Gemv.Multiply(GemmPath.Scalar, new float[3], new float[6], 2, new float[1]));
    }

    // Values in (−1, 1), each zero with probability `zeros`.
    private static float[] Random(int n, Random random, double zeros)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = random.NextDouble() < zeros ? 0f : (float)(random.NextDouble() * 2 - 1);
        return x;
    }
}
