using NeuralNet.MLExtensions.Engine.Losses;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class SoftmaxCrossEntropyGradientTests
{
    private const int Batch = 4, Classes = 3;
    private static readonly int[] Labels = [2, 0, 1, 2];
    private static readonly float[] Weights = [0.5f, 2f, 0f, 1.25f];

    // Σ_r w_r·(log Σ_c exp(z_rc) − z_r,y_r), straight from the definition (no max subtraction: the logits are small).
    private static double ReferenceLoss(IReadOnlyList<double> logits, float[]? weights)
    {
        double loss = 0;
        for (int r = 0; r < Batch; r++)
        {
            double sum = 0;
            for (int c = 0; c < Classes; c++) sum += Math.Exp(logits[r * Classes + c]);
            loss += (weights is null ? 1.0 : weights[r]) * (Math.Log(sum) - logits[r * Classes + Labels[r]]);
        }
        return loss;
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void SoftmaxCrossEntropy_Forward_ReturnsWeightedSumOfRowLosses(bool weighted)
    {
        float[] logits = GradientChecker.Uniform(Batch * Classes, 3.0, seed: 11);
        float[]? weights = weighted ? Weights : null;
        var probabilities = new float[Batch * Classes];

        double loss = SoftmaxCrossEntropy.Forward(logits, Batch, Classes, Labels, weights, probabilities);

        double expected = ReferenceLoss(logits.Select(v => (double)v).ToArray(), weights);
        Assert.AreEqual(expected, loss, 1e-5 * Math.Abs(expected));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void SoftmaxCrossEntropy_Backward_MatchesCentralDifference(bool weighted)
    {
        float[] logits = GradientChecker.Uniform(Batch * Classes, 3.0, seed: 12);
        float[]? weights = weighted ? Weights : null;
        var probabilities = new float[Batch * Classes];
        var dLogits = new float[Batch * Classes];
        const float scale = 1f / Batch;

        SoftmaxCrossEntropy.Forward(logits, Batch, Classes, Labels, weights, probabilities);
        SoftmaxCrossEntropy.Backward(probabilities, Batch, Classes, Labels, weights, scale, dLogits);

        double[] numeric = GradientChecker.CentralDifference(z => scale * ReferenceLoss(z, weights),
            logits.Select(v => (double)v).ToArray());
        GradientChecker.AssertClose(dLogits, numeric, weighted ? "weighted dLogits" : "dLogits", relative: 1e-3, absolute: 1e-6);
    }
}
