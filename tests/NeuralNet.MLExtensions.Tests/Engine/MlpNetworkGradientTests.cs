using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpNetworkGradientTests
{
    private const int Inputs = 4, Rows = 6, Classes = 3;
    private const float L2 = 0.05f;

    /// <summary>
    /// One full-batch plain-SGD step with learning rate 1 turns θ into θ − ∇J, so θ_before − θ_after is the engine's
    /// analytic gradient of the training objective, taken through the real training loop (forward, loss, backward
    /// buffer swaps, 1/batch scaling, L2 term). It is compared with central differences of a double-precision
    /// reference of J for every parameter.
    /// </summary>
    [TestMethod]
    [DataRow(Activation.Tanh, Activation.Gelu, false)]
    [DataRow(Activation.Relu, Activation.Sigmoid, true)]
    [DataRow(Activation.LeakyRelu, Activation.Identity, true)]
    public void MlpEngine_TrainInPlace_OneSgdStepSubtractsCentralDifferenceGradient(Activation first, Activation second, bool weighted)
    {
        var architecture = new MlpArchitecture(Inputs, [5, 4], [first, second], Classes);
        float[] before = GradientChecker.Uniform((int)architecture.ParameterCount, 0.8, seed: 31);
        float[] features = GradientChecker.Uniform(Rows * Inputs, 1.5, seed: 32);
        int[] labels = [0, 1, 2, 2, 1, 0];
        float[]? weights = weighted ? [1f, 0.5f, 2f, 0f, 1.5f, 0.75f] : null;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [5, 4],
            Activation = [first, second],
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
        // The analytic side carries the rounding of θ − ∇J in float32 (≤ 6e-8 for |θ| ≤ 1), hence the absolute floor.
        GradientChecker.AssertClose(analytic, numeric, $"{architecture} ∇J", relative: 2e-3, absolute: 1e-6);
    }
}
