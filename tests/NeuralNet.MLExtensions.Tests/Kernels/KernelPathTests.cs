using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Tests.Kernels;

/// <summary>
/// The kernels take the SIMD path they are given, so the kernel tests reach the Vector256 and scalar paths on an
/// AVX-512 machine; <see cref="KernelPath"/> reads the process-wide narrowing from NNMLX_KERNEL_PATH.
/// </summary>
[TestClass]
public sealed class KernelPathTests
{
    /// <summary>Every path this machine can run, widest last, as test data (the kernel tests sweep them all).</summary>
    public static IEnumerable<object[]> Paths() =>
        Enum.GetValues<GemmPath>().Where(p => p <= KernelPath.Hardware).Select(p => new object[] { (int)p });

    [TestMethod]
    public void ElementWise_AddScaledSumOfSquares_ScalarPath_SumsInOrder()
    {
        // Only the scalar loop sums one square at a time in index order; a vector path sums 8 or 16 lanes apart, which
        // rounds differently on these values. So this fails if the narrower path asked for is not the one taken.
        var random = new Random(7);
        var g = new float[1001];
        for (int i = 0; i < g.Length; i++) g[i] = (float)(random.NextDouble() * 2 - 1) * (i % 7 == 0 ? 1000f : 1f);
        float expected = 0f;
        foreach (float x in g) expected += x * x;
        Assert.AreEqual(expected, ElementWise.AddScaledSumOfSquares(new float[g.Length], 0f, (float[])g.Clone(), GemmPath.Scalar));
        if (KernelPath.Default > GemmPath.Scalar)
            Assert.AreNotEqual(expected, ElementWise.AddScaledSumOfSquares(new float[g.Length], 0f, (float[])g.Clone()),
                "the default (vector) path sums in lanes, so it differs from the in-order sum on these values");
    }

    [TestMethod]
    public void KernelPath_Narrowed_TakesTheNarrowerOfMachineAndSetting()
    {
        Assert.AreEqual(GemmPath.Vector512, KernelPath.Narrowed(GemmPath.Vector512, null));
        Assert.AreEqual(GemmPath.Vector512, KernelPath.Narrowed(GemmPath.Vector512, " "));
        Assert.AreEqual(GemmPath.Vector256, KernelPath.Narrowed(GemmPath.Vector512, "vector256"));
        Assert.AreEqual(GemmPath.Scalar, KernelPath.Narrowed(GemmPath.Vector256, "Scalar"));
        Assert.AreEqual(GemmPath.Vector256, KernelPath.Narrowed(GemmPath.Vector256, "Vector512"), "never wider than the machine");
    }

    [TestMethod]
    [DataRow("Vector128")]
    [DataRow("7")]
    [DataRow("avx")]
    public void KernelPath_Narrowed_UnknownSetting_NamesVariableAndChoices(string setting)
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => KernelPath.Narrowed(GemmPath.Vector512, setting));
        Assert.AreEqual($"NNMLX_KERNEL_PATH must be one of Scalar, Vector256, Vector512; got '{setting}'. Unset it to use the widest path.", error.Message);
    }

    [TestMethod]
    [DynamicData(nameof(Paths))]
    public void Gemm_Multiply_EveryPath_BitIdenticalToScalar(int path)
    {
        // Every route computes each element as one chain of fused multiply-adds over k in order, so the paths agree
        // exactly, not just within a tolerance.
        var random = new Random(11);
        foreach (var (m, n, k) in new[] { (1, 40, 9), (5, 300, 33), (8, 32, 256), (37, 70, 300), (193, 33, 512) })
            foreach (bool ta in new[] { false, true })
                foreach (bool tb in new[] { false, true })
                {
                    float[] a = Random(m * k, random), b = Random(k * n, random), scalar = new float[m * n], tested = new float[m * n];
                    using (var context = new ComputeContext(1, GemmPath.Scalar)) Gemm.Multiply(context, ta, tb, m, n, k, a, b, scalar, false);
                    using (var context = new ComputeContext(2, (GemmPath)path)) Gemm.Multiply(context, ta, tb, m, n, k, a, b, tested, false);
                    CollectionAssert.AreEqual(scalar, tested, $"{(GemmPath)path} {m}×{n}×{k} transA {ta} transB {tb}");
                }
    }

    private static float[] Random(int n, Random random)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        return x;
    }
}
