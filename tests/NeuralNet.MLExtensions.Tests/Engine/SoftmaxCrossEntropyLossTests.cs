using NeuralNet.MLExtensions.Engine.Losses;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class SoftmaxCrossEntropyLossTests
{
    /// <summary>
    /// The loss object the training step calls: its forward equals the smoothed, weighted cross-entropy computed in
    /// double, and its backward equals scale times that function's central-difference gradient.
    /// </summary>
    [TestMethod]
    [DataRow(0f, false)]
    [DataRow(0.2f, true)]
    public void SoftmaxCrossEntropyLoss_ForwardAndBackward_MatchSmoothedCrossEntropyInDouble(float epsilon, bool weighted)
    {
        const int k = 4, batch = 2;
        const float scale = 0.5f;
        float[] logits = [1.5f, -0.3f, 0.2f, 2.1f, 0.1f, 0.4f, -1.2f, 0.0f];
        int[] labels = [2, 0];
        float[] weights = weighted ? [0.5f, 2f] : [1f, 1f];
        var loss = new SoftmaxCrossEntropyLoss(k, batchCapacity: 5, epsilon);
        double value = loss.Forward(logits, batch, labels, default, weighted ? weights : default);
        var grad = Enumerable.Repeat(99f, 8).ToArray();   // overwritten, not added to
        loss.Backward(batch, labels, default, weighted ? weights : default, scale, grad);

        double Reference(double[] z)
        {
            double sum = 0;
            for (int r = 0; r < batch; r++)
            {
                var row = z.Skip(r * k).Take(k).ToArray();
                double max = row.Max(), lse = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
                for (int c = 0; c < k; c++) sum += weights[r] * ((c == labels[r] ? 1 - epsilon : 0) + epsilon / k) * (lse - row[c]);
            }
            return sum;
        }
        var at = logits.Select(v => (double)v).ToArray();
        Assert.AreEqual(Reference(at), value, 1e-5);
        var numeric = GradientChecker.CentralDifference(Reference, at).Select(g => scale * g).ToArray();
        GradientChecker.AssertClose(grad, numeric, "dLogits", relative: 1e-4, absolute: 1e-6);
    }

    [TestMethod]
    public void SoftmaxCrossEntropyLoss_Constructor_BatchTimesClassesBeyondInt_ThrowsNamingTheBuffer()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new SoftmaxCrossEntropyLoss(65_537, 65_536, 0f));
        Assert.Contains("Class probabilities", ex.Message);
        Assert.Contains("[65536×65537] = 4295032832 values", ex.Message);
    }
}
