using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class SgdOptimizerTests
{
    private static readonly float[] Start = [0.8f, -1.25f, 0.3f, 2f];
    // A different gradient each step, with sign changes, so the velocity's memory matters.
    private static readonly float[][] Gradients =
    [
        [0.5f, -0.2f, 0.05f, 1f],
        [-0.3f, -0.4f, 0.1f, 0.25f],
        [0.2f, 0.6f, -0.05f, -0.75f],
        [0.1f, -0.1f, 0.2f, 0.5f],
    ];

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void SgdOptimizer_Step_MomentumMatchesReferenceOverSeveralSteps(bool nesterov)
    {
        const float lr = 0.1f, mu = 0.9f;
        var optimizer = new SgdOptimizer(Start.Length, lr, mu, nesterov);
        var parameters = (float[])Start.Clone();
        double[] expected = Start.Select(v => (double)v).ToArray();
        var velocity = new double[Start.Length];

        for (int t = 0; t < Gradients.Length; t++)
        {
            optimizer.Step(parameters, Gradients[t], weightCount: 2);
            OptimizerReference.Sgd(expected, velocity, Gradients[t], lr, mu, nesterov);
            OptimizerReference.AssertClose(expected, parameters, $"{(nesterov ? "Nesterov" : "momentum")} step {t + 1}");
        }
        Assert.AreEqual(Gradients.Length, optimizer.StepCount);
    }

    [TestMethod]
    public void SgdOptimizer_Step_FlushesSubnormalVelocityAndNegligibleParametersToZero()
    {
        // No gradient: the velocity decays (0.9 × 1.2e-38 is subnormal) and a parameter of 1e-25 is below 2^-64.
        var optimizer = new SgdOptimizer(3, 0.1f, 0.9f, nesterov: false);
        optimizer.State[0][0] = 1.2e-38f;
        optimizer.State[0][2] = 1f;
        float[] parameters = [1f, 1e-25f, 2f];
        optimizer.Step(parameters, new float[3], weightCount: 3);
        CollectionAssert.AreEqual(new[] { 0f, 0f, 0.9f }, optimizer.State[0]);
        CollectionAssert.AreEqual(new[] { 1f, 0f, 2f - 0.1f * 0.9f }, parameters);
    }

    [TestMethod]
    public void SgdOptimizer_Step_NesterovAndPlainMomentumDiffer()
    {
        // Guards the pair of golden tests above: the two variants must not collapse into the same rule.
        var plain = (float[])Start.Clone();
        var nesterov = (float[])Start.Clone();
        var a = new SgdOptimizer(Start.Length, 0.1f, 0.9f, nesterov: false);
        var b = new SgdOptimizer(Start.Length, 0.1f, 0.9f, nesterov: true);
        foreach (var g in Gradients)
        {
            a.Step(plain, g, 2);
            b.Step(nesterov, g, 2);
        }
        Assert.IsGreaterThan(1e-3, Math.Abs(plain[0] - nesterov[0]));
    }
}
