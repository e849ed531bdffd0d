using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Losses;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// The binary and regression losses: forward against a double-precision formula, backward against central
/// differences of that formula, with example weights (one of them 0).
/// </summary>
[TestClass]
public sealed class TaskLossGradientTests
{
    private static readonly float[] Weights = [1f, 0.5f, 2f, 0f, 1.5f, 0.75f];

    private static double LogisticReference(double z, int y) => y == 1 ? Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    private static double HuberReference(double r, double delta) =>
        Math.Abs(r) <= delta ? 0.5 * r * r : delta * (Math.Abs(r) - 0.5 * delta);

    [TestMethod]
    public void LogisticLoss_Backward_MatchesCentralDifferences()
    {
        float[] logits = [-2.5f, -0.3f, 0.1f, 1.7f, 3.2f, -4f];
        int[] labels = [0, 1, 1, 0, 1, 1];
        var loss = new LogisticLoss(logits.Length);
        double value = loss.Forward(logits, logits.Length, labels, default, Weights);
        var gradient = new float[logits.Length];
        loss.Backward(logits.Length, labels, default, Weights, 0.5f, gradient);

        Func<double[], double> f = z => z.Select((v, r) => Weights[r] * LogisticReference(v, labels[r])).Sum();
        double[] at = logits.Select(v => (double)v).ToArray();
        Assert.AreEqual(f(at), value, 1e-9 * Math.Abs(value) + 1e-12);
        double[] numeric = GradientChecker.CentralDifference(f, at).Select(g => 0.5 * g).ToArray();
        GradientChecker.AssertClose(gradient, numeric, "logistic ∂loss/∂z", relative: 1e-4, absolute: 1e-7);
    }

    [TestMethod]
    public void LogisticLoss_Forward_ExtremeLogitsStayFinite()
    {
        var loss = new LogisticLoss(4);
        double value = loss.Forward([1e4f, -1e4f, 1e4f, -1e4f], 4, [1, 0, 0, 1], default, default);
        Assert.AreEqual(2e4, value, 1e-6, "right with certainty costs 0, wrong with certainty costs |z|");
        var gradient = new float[4];
        loss.Backward(4, [1, 0, 0, 1], default, default, 1f, gradient);
        CollectionAssert.AreEqual(new[] { 0f, 0f, 1f, -1f }, gradient);
    }

    [TestMethod]
    [DataRow(float.PositiveInfinity, DisplayName = "squared")]
    [DataRow(0.7f, DisplayName = "Huber δ 0.7")]
    public void RegressionLoss_Backward_MatchesCentralDifferences(float delta)
    {
        float[] outputs = [-1.9f, -0.3f, 0.45f, 1.7f, 2.2f, 0.05f];
        float[] targets = [0.2f, -0.5f, 1.5f, -0.4f, 2.0f, 0.6f];
        var loss = new RegressionLoss(delta, outputs.Length);
        double value = loss.Forward(outputs, outputs.Length, default, targets, Weights);
        var gradient = new float[outputs.Length];
        loss.Backward(outputs.Length, default, targets, Weights, 0.25f, gradient);

        Func<double[], double> f = o => o.Select((v, r) => Weights[r] * HuberReference(v - targets[r], delta)).Sum();
        double[] at = outputs.Select(v => (double)v).ToArray();
        Assert.AreEqual(f(at), value, 1e-6 * Math.Abs(value));
        double[] numeric = GradientChecker.CentralDifference(f, at).Select(g => 0.25 * g).ToArray();
        GradientChecker.AssertClose(gradient, numeric, $"regression (δ {delta}) ∂loss/∂o", relative: 1e-4, absolute: 1e-7);
    }

    [TestMethod]
    public void RegressionLoss_Huber_BeyondDeltaGrowsLinearly()
    {
        var loss = new RegressionLoss(1f, 1);
        Assert.AreEqual(9.5, loss.Forward([10f], 1, default, [0f], default), 1e-9, "δ·(|r| − δ/2) = 1·(10 − 0.5)");
        var gradient = new float[1];
        loss.Backward(1, default, [0f], default, 1f, gradient);
        Assert.AreEqual(1f, gradient[0], "the gradient is clipped to δ");
    }
}
