using NeuralNet.MLExtensions.Engine.Losses;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class SoftmaxCrossEntropyStabilityTests
{
    [TestMethod]
    public void SoftmaxCrossEntropy_Forward_HugeLogits_StaysFiniteWithExactLoss()
    {
        // Row 0: the label holds the huge logit → loss 0. Row 1: the label holds −1e4 while another class has +1e4
        // → loss = 1e4 − (−1e4) = 2e4. Row 2: all classes tie at −1e4 → loss log 3. exp(±1e4) overflows anything
        // that does not subtract the row maximum.
        float[] logits = [1e4f, -1e4f, 0f, /**/ 1e4f, -1e4f, 3f, /**/ -1e4f, -1e4f, -1e4f];
        int[] labels = [0, 1, 2];
        var probabilities = new float[9];
        var dLogits = new float[9];

        double loss = SoftmaxCrossEntropy.Forward(logits, 3, 3, labels, default, probabilities);
        SoftmaxCrossEntropy.Backward(probabilities, 3, 3, labels, default, 1f, dLogits);

        Assert.AreEqual(2e4 + Math.Log(3), loss, 1e-3);
        for (int r = 0; r < 3; r++)
        {
            ReadOnlySpan<float> p = probabilities.AsSpan(r * 3, 3);
            foreach (float v in p) Assert.IsTrue(float.IsFinite(v) && v >= 0f, $"Row {r} has probability {v}.");
            Assert.AreEqual(1.0, p[0] + p[1] + (double)p[2], 1e-6, $"Row {r} probabilities must sum to 1.");
        }
        Assert.AreEqual(1f, probabilities[0], 1e-6f);
        Assert.AreEqual(1f, probabilities[3], 1e-6f);
        Assert.AreEqual(1f / 3, probabilities[8], 1e-6f);
        foreach (float d in dLogits) Assert.IsTrue(float.IsFinite(d), "dLogits must be finite.");
        // Row 1's gradient pushes the label up by 1 and the winning class down by 1.
        Assert.AreEqual(-1f, dLogits[4], 1e-6f);
        Assert.AreEqual(1f, dLogits[3], 1e-6f);
    }

    [TestMethod]
    public void SoftmaxCrossEntropy_Forward_HugeCorrectLogit_GivesZeroLoss()
    {
        float[] logits = [-1e4f, 1e4f];
        var probabilities = new float[2];
        double loss = SoftmaxCrossEntropy.Forward(logits, 1, 2, [1], default, probabilities);
        Assert.AreEqual(0.0, loss, 1e-9);
        Assert.AreEqual(0f, probabilities[0]);
        Assert.AreEqual(1f, probabilities[1]);
    }
}
