using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineHandWorkedStepTests
{
    /// <summary>
    /// 2 inputs → 2 ReLU units → 2 classes, one row x = [1, 2] with label 1, one plain-SGD step with lr = 0.5.
    ///
    /// Forward:
    ///   W1 = [[0.1, 0.2], [−0.3, 0.1]], b1 = [0.05, −0.1]
    ///   z1 = [0.1 + 0.4 + 0.05, −0.3 + 0.2 − 0.1] = [0.55, −0.2]  → h = ReLU(z1) = [0.55, 0]   (unit 2 is off)
    ///   W2 = [[0.5, −0.6], [0.3, 0.2]], b2 = [0, 0.1]
    ///   logits = [0.5·0.55, 0.3·0.55 + 0.1] = [0.275, 0.265]
    ///   p0 = 1/(1 + e^(0.265 − 0.275)) = 1/(1 + e^−0.01) =: g ≈ 0.5025, p1 = 1 − g
    /// Backward (batch of 1, so no averaging):
    ///   dlogits = p − onehot(1) = [g, −g]
    ///   dW2 = dlogits ⊗ h = [[0.55g, 0], [−0.55g, 0]],  db2 = [g, −g]
    ///   dh = W2ᵀ·dlogits = [(0.5 − 0.3)g, (−0.6 − 0.2)g] = [0.2g, −0.8g];  ReLU gate → dz1 = [0.2g, 0]
    ///   dW1 = dz1 ⊗ x = [[0.2g, 0.4g], [0, 0]],  db1 = [0.2g, 0]
    /// Update θ ← θ − 0.5·∇:
    ///   W1 = [[0.1 − 0.1g, 0.2 − 0.2g], [−0.3, 0.1]] ≈ [[0.04975, 0.09950], [−0.3, 0.1]]
    ///   b1 = [0.05 − 0.1g, −0.1] ≈ [−0.00025, −0.1]
    ///   W2 = [[0.5 − 0.275g, −0.6], [0.3 + 0.275g, 0.2]] ≈ [[0.36181, −0.6], [0.43819, 0.2]]
    ///   b2 = [−0.5g, 0.1 + 0.5g] ≈ [−0.25125, 0.35125]
    /// </summary>
    [TestMethod]
    public void MlpEngine_TrainInPlace_OneSgdStepOnTinyReluNetwork_MatchesHandWorkedUpdate()
    {
        var architecture = new MlpArchitecture(2, [2], [Activation.Relu], 2);
        // Layout: W1 (row-major), W2, then b1, b2.
        float[] initial = [0.1f, 0.2f, -0.3f, 0.1f, /**/ 0.5f, -0.6f, 0.3f, 0.2f, /**/ 0.05f, -0.1f, /**/ 0f, 0.1f];
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [2],
            Activation = [Activation.Relu],
            Optimizer = OptimizerKind.Sgd,
            Momentum = 0f,
            Nesterov = false,
            LearningRate = 0.5f,
            BatchSize = 1,
            MaximumNumberOfEpochs = 1,
            L2Regularization = 0f,
            FeatureScaling = FeatureScaling.None,
            NumberOfThreads = 1,
        };

        var result = MlpEngine.TrainInPlace([1f, 2f], 1, 2, [1], null, 2, settings, new MlpNetwork(architecture, initial));

        double g = 1 / (1 + Math.Exp(-0.01));
        Assert.AreEqual(0.5025, g, 1e-4, "Sanity check of the hand arithmetic.");
        AssertMatrix([[0.1 - 0.1 * g, 0.2 - 0.2 * g], [-0.3, 0.1]], result.Network.GetWeights(0), "W1");
        AssertVector([0.05 - 0.1 * g, -0.1], result.Network.GetBiases(0), "b1");
        AssertMatrix([[0.5 - 0.275 * g, -0.6], [0.3 + 0.275 * g, 0.2]], result.Network.GetWeights(1), "W2");
        AssertVector([-0.5 * g, 0.1 + 0.5 * g], result.Network.GetBiases(1), "b2");
    }

    private const double Tolerance = 1e-6;

    private static void AssertMatrix(double[][] expected, float[,] actual, string name)
    {
        Assert.AreEqual(expected.Length, actual.GetLength(0), $"{name} rows");
        for (int o = 0; o < expected.Length; o++)
        {
            Assert.AreEqual(expected[o].Length, actual.GetLength(1), $"{name} columns");
            for (int i = 0; i < expected[o].Length; i++)
                Assert.AreEqual(expected[o][i], actual[o, i], Tolerance, $"{name}[{o},{i}]");
        }
    }

    private static void AssertVector(double[] expected, float[] actual, string name)
    {
        Assert.HasCount(expected.Length, actual, name);
        for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], actual[i], Tolerance, $"{name}[{i}]");
    }
}
