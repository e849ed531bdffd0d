using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class InputStageNetworkGradientTests
{
    private const int Inputs = 4, Rows = 6, Classes = 3;
    private const float L2 = 0.05f;

    /// <summary>
    /// As <see cref="MlpNetworkGradientTests"/>, with periodic embeddings of features 0, 1 and 3 and the per-input
    /// scale before the first dense layer: one full-batch SGD step at learning rate 1 gives θ − ∇J, compared for every
    /// parameter (dense, embedding, scale) with central differences of a double-precision reference of J whose L2 term
    /// covers the dense weights only.
    /// </summary>
    [TestMethod]
    [DataRow(Activation.Tanh, false, false)]
    [DataRow(Activation.Relu, true, false)]
    [DataRow(Activation.Tanh, false, true)]
    [DataRow(Activation.Relu, true, true)]
    public void MlpEngine_TrainInPlace_OneSgdStepThroughEmbeddingAndScale_SubtractsCentralDifferenceGradient(Activation activation, bool weighted, bool piecewiseLinear)
    {
        // Piecewise-linear: features 0 and 3 in 3 and 2 bins, columns centred and scaled (5 columns beside the 4 inputs).
        var bins = new PiecewiseLinearBins([0, 3], [[-1f, -0.2f, 0.5f, 1.2f], [-0.7f, 0.1f, 0.9f]], [0.3f, -0.1f, 0.2f, 0.4f, 0.05f], [1.5f, 0.8f, 2f, 1.1f, 0.6f]);
        var architecture = new MlpArchitecture(Inputs, [5], [activation], Classes)
        {
            Embedding = piecewiseLinear ? new InputEmbedding(bins, featureScale: true)
                : new InputEmbedding([0, 1, 3], frequencies: 4, embeddingWidth: 2, featureScale: true),
        };
        Assert.AreEqual(Inputs + (piecewiseLinear ? 5 : 3 * 2), architecture.FirstLayerInputSize);
        float[] before = GradientChecker.Uniform((int)architecture.ParameterCount, 0.8, seed: 71);
        float[] features = GradientChecker.Uniform(Rows * Inputs, 1.5, seed: 72);
        int[] labels = [0, 1, 2, 2, 1, 0];
        float[]? weights = weighted ? [1f, 0.5f, 2f, 0f, 1.5f, 0.75f] : null;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [5],
            Activation = [activation],
            Optimizer = OptimizerKind.Sgd,
            Momentum = 0f,
            Nesterov = false,
            LearningRate = 1f,
            BatchSize = Rows,
            MaximumNumberOfEpochs = 1,
            L2Regularization = L2,
            FeatureScaling = FeatureScaling.None,
            NumberOfThreads = 1,
        };

        var result = MlpEngine.TrainInPlace((float[])features.Clone(), Rows, Inputs, labels, weights, Classes, settings,
            new MlpNetwork(architecture, before));

        ReadOnlySpan<float> after = result.Network.Parameters;
        var analytic = new double[before.Length];
        for (int i = 0; i < before.Length; i++) analytic[i] = (double)before[i] - after[i];
        double[] theta = before.Select(v => (double)v).ToArray();
        ReferenceMlp.Objective(architecture, theta, features, labels, weights, L2, out double closestToKink);
        Assert.IsGreaterThan(1e-3, closestToKink, "Fixture must keep hidden pre-activations away from 0 (the ReLU kink).");
        double[] numeric = GradientChecker.CentralDifference(
            t => ReferenceMlp.Objective(architecture, t, features, labels, weights, L2, out _), theta);
        GradientChecker.AssertClose(analytic, numeric, $"{architecture} ∇J", relative: 2e-3, absolute: 2e-6);
    }
}
