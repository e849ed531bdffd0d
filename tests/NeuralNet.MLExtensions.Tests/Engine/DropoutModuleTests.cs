using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class DropoutModuleTests
{
    private static ModulePass Pass(int seed) => new(ComputeContext.SingleThreaded(), [], [], new SeededRandom(seed));

    [TestMethod]
    public void Dropout_ForwardBackward_AppliesOneInvertedMaskToBoth()
    {
        const float rate = 0.25f;
        const int batch = 40, width = 100;
        var dropout = new Dropout(rate, width);
        var x = Enumerable.Range(0, batch * width).Select(i => 1f + i % 7).ToArray();
        var mask = new float[batch * width];
        var y = new float[batch * width];
        dropout.Forward(Pass(3), x, batch, mask, y);
        var dy = Enumerable.Repeat(2f, batch * width).ToArray();
        var dx = new float[batch * width];
        dropout.Backward(Pass(3), x, y, mask, dy, batch, dx);

        int dropped = 0;
        for (int i = 0; i < x.Length; i++)
        {
            float m = y[i] / x[i];
            Assert.IsTrue(m == 0f || Math.Abs(m - 1 / (1 - rate)) < 1e-6, $"mask {m}");
            Assert.AreEqual(2f * m, dx[i], 1e-5f, "backward uses the forward's mask");
            if (m == 0f) dropped++;
        }
        Assert.AreEqual(rate, dropped / (double)x.Length, 0.03, "about the rate is dropped");
        var again = new float[batch * width];
        new Dropout(rate, width).Forward(Pass(3), x, batch, new float[batch * width], again);
        CollectionAssert.AreEqual(y, again, "same source, same mask");
    }

    /// <summary>With the mask fixed by the forward pass, dx matches central differences of L = Σ upstream ⊙ (x ⊙ mask).</summary>
    [TestMethod]
    public void Dropout_Backward_WithFixedMask_MatchesCentralDifference()
    {
        const int batch = 3, width = 11;
        var dropout = new Dropout(0.4f, width);
        float[] x = GradientChecker.Uniform(batch * width, 2.0, seed: 12);
        var mask = new float[batch * width];
        dropout.Forward(Pass(5), x, batch, mask, new float[batch * width]);
        Assert.IsTrue(mask.Contains(0f) && mask.Any(m => m != 0f), "the fixture must drop some units and keep others");
        float[] upstream = GradientChecker.Uniform(batch * width, 1.0, seed: 13);
        var dx = new float[batch * width];
        dropout.Backward(Pass(5), x, default, mask, (float[])upstream.Clone(), batch, dx);

        double Loss(double[] input) => input.Select((v, i) => upstream[i] * v * mask[i]).Sum();
        var numeric = GradientChecker.CentralDifference(Loss, x.Select(v => (double)v).ToArray());
        GradientChecker.AssertClose(dx, numeric, "dropout dx", relative: 1e-6, absolute: 1e-6);
    }

    [TestMethod]
    [DataRow(0f)]
    [DataRow(1f)]
    [DataRow(float.NaN)]
    public void Dropout_Constructor_RateOutsideOpenUnitInterval_ThrowsWithTheValue(float rate)
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new Dropout(rate, 4));
        Assert.Contains($"got {rate}", ex.Message);
    }
}
