using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Tests.Kernels;

/// <summary>
/// Every element-wise kernel against its reference, bit for bit, over lengths that hit every vector loop and tail, on
/// every SIMD path the machine has (Vector512, Vector256 and scalar on an AVX-512 machine).
/// </summary>
[TestClass]
public sealed class ElementWiseTests
{
    private static readonly int[] Widths = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 64, 100, 129, 256];

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void ElementWise_BiasRelu_MatchesReference(int path)
    {
        var random = new Random(1);
        foreach (int width in Widths)
            foreach (int rows in new[] { 0, 1, 3 })
            {
                float[] bias = Random(width, random), z = Random(rows * width, random);
                float[] z1 = (float[])z.Clone(), a1 = new float[z.Length], z2 = (float[])z.Clone(), a2 = new float[z.Length];
                ElementWise.BiasRelu(bias, rows, z1, a1, (GemmPath)path);
                ElementWiseReference.BiasRelu(bias, rows, z2, a2);
                CollectionAssert.AreEqual(z2, z1, $"{(GemmPath)path} z, width {width}, rows {rows}");
                CollectionAssert.AreEqual(a2, a1, $"{(GemmPath)path} a, width {width}, rows {rows}");
            }
    }

    [TestMethod]
    public void ElementWise_BiasRelu_InPlace()
    {
        float[] z = [-1f, 2f, -3f, 4f], bias = [0.5f, -0.5f];
        ElementWise.BiasRelu(bias, 2, z, z);
        CollectionAssert.AreEqual(new[] { 0f, 1.5f, 0f, 3.5f }, z);
    }

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void ElementWise_ReluBackward_MatchesReference(int path)
    {
        var random = new Random(2);
        foreach (int n in Widths)
        {
            float[] a = Random(n, random), g = Random(n, random);
            if (n > 3) { a[1] = 0f; a[2] = -0f; a[3] = float.NaN; }
            float[] g1 = (float[])g.Clone(), g2 = (float[])g.Clone();
            ElementWise.ReluBackward(a, g1, (GemmPath)path);
            ElementWiseReference.ReluBackward(a, g2);
            CollectionAssert.AreEqual(g2, g1, $"{(GemmPath)path} n {n}");
        }
    }

    [TestMethod]
    public void ElementWise_ColumnSums_MatchesRowByRowSum()
    {
        var random = new Random(3);
        foreach (int width in Widths)
        {
            const int rows = 5;
            float[] dz = Random(rows * width, random), db = new float[width];
            ElementWise.ColumnSums(dz, rows, db);
            for (int j = 0; j < width; j++)
            {
                float s = 0f;
                for (int r = 0; r < rows; r++) s += dz[r * width + j];
                Assert.AreEqual(s, db[j], $"width {width}, column {j}");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void ElementWise_Adam_MatchesReference(int path)
    {
        var random = new Random(4);
        foreach (int n in Widths)
        {
            float[] p = Random(n, random), g = Random(n, random), m = Random(n, random), v = Random(n, random);
            for (int i = 0; i < n; i++) v[i] = Math.Abs(v[i]);
            float[] p1 = (float[])p.Clone(), m1 = (float[])m.Clone(), v1 = (float[])v.Clone();
            ElementWise.Adam(p1, g, m1, v1, 0.9f, 0.999f, 1e-3f, 1e-8f, (GemmPath)path);
            ElementWiseReference.Adam(p, g, m, v, 0.9f, 0.999f, 1e-3f, 1e-8f);
            CollectionAssert.AreEqual(p, p1, $"{(GemmPath)path} p, n {n}");
            CollectionAssert.AreEqual(m, m1, $"{(GemmPath)path} m, n {n}");
            CollectionAssert.AreEqual(v, v1, $"{(GemmPath)path} v, n {n}");
        }
    }

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void ElementWise_Adam_FlushesSubnormalMomentsAndNegligibleParametersToZero(int path)
    {
        // A unit that stopped learning: no gradient, a first moment decaying into the subnormal range, a weight shrunk
        // below 2^-64. Every lane (vector loops and the scalar tail) must hold exact zeros after the step; ordinary
        // values and a parameter just above 2^-64 stay as they are.
        foreach (int n in Widths)
        {
            float[] p = new float[n], g = new float[n], m = new float[n], v = new float[n];
            for (int i = 0; i < n; i++)
            {
                p[i] = i % 2 == 0 ? 5e-20f : -1e-25f;
                m[i] = i % 3 == 0 ? 1.2e-38f : -1e-39f;   // times β1 = 0.9: subnormal
                v[i] = 1.1765e-38f;                         // times β2 = 0.999: subnormal
            }
            ElementWise.Adam(p, g, m, v, 0.9f, 0.999f, 1e-3f, 1e-8f, (GemmPath)path);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(0f, p[i], $"{(GemmPath)path} p[{i}] of {n}");
                Assert.AreEqual(0f, m[i], $"{(GemmPath)path} m[{i}] of {n}");
                Assert.AreEqual(0f, v[i], $"{(GemmPath)path} v[{i}] of {n}");
            }

            float[] kept = Enumerable.Repeat(6e-20f, n).ToArray(), moments = Enumerable.Repeat(0.5f, n).ToArray(), squares = Enumerable.Repeat(0.25f, n).ToArray();
            ElementWise.Adam(kept, new float[n], moments, squares, 0.9f, 0.999f, 0f, 1e-8f, (GemmPath)path);
            Assert.IsTrue(kept.All(x => x == 6e-20f), $"{(GemmPath)path}: a parameter above 2^-64 is kept");
            Assert.IsTrue(moments.All(x => x == 0.45f) && squares.All(x => x == 0.999f * 0.25f), $"{(GemmPath)path}: ordinary moments are kept");
        }
    }

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void ElementWise_Adam_KeepsASubnormalSecondMomentWhileTheFirstIsNormal(int path)
    {
        // A gradient of 1e-18: m = 1e-19 (normal), v = 1e-39 (subnormal). Flushing v alone would make the step m/ε,
        // a jump of 1e8 with ε = 1e-30; kept, the step is about lr·m/√v ≈ 3.2e-3.
        foreach (int n in Widths)
        {
            if (n == 0) continue;
            float[] p = new float[n], g = Enumerable.Repeat(1e-18f, n).ToArray(), m = new float[n], v = new float[n];
            ElementWise.Adam(p, g, m, v, 0.9f, 0.999f, 1e-3f, 1e-30f, (GemmPath)path);
            for (int i = 0; i < n; i++)
            {
                Assert.AreNotEqual(0f, v[i], $"{(GemmPath)path} v[{i}] of {n}");
                Assert.IsLessThan(1e-2f, Math.Abs(p[i]), $"{(GemmPath)path} p[{i}] of {n}: {p[i]}");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(KernelPathTests.Paths), typeof(KernelPathTests))]
    public void ElementWise_AddScaledSumOfSquares_MatchesMultiplyAddAndDoubleSum(int path)
    {
        var random = new Random(5);
        foreach (int n in Widths)
            foreach (float lambda in new[] { 0f, 1e-4f, 0.5f })
            {
                float[] w = Random(n, random), g = Random(n, random);
                float[] expected = (float[])g.Clone();
                if (lambda != 0f) System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(w, lambda, expected, expected);
                float sum = ElementWise.AddScaledSumOfSquares(w, lambda, g, (GemmPath)path);
                CollectionAssert.AreEqual(expected, g, $"{(GemmPath)path} n {n}, λ {lambda}");
                double reference = expected.Sum(x => (double)x * x);
                Assert.AreEqual(reference, sum, 1e-5 * (reference + 1), $"{(GemmPath)path} n {n}, λ {lambda}");
            }
    }

    private static float[] Random(int n, Random random)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        return x;
    }
}
