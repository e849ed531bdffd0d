using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// Whole-network gradient checks for the binary and regression tasks, as <see cref="MlpNetworkGradientTests"/> does
/// for multiclass: one full-batch SGD step with learning rate 1 against central differences of a double-precision
/// reference objective (weighted, with L2).
/// </summary>
[TestClass]
public sealed class TaskNetworkGradientTests
{
    private const int Inputs = 4, Rows = 6;
    private const float L2 = 0.05f;
    private static readonly float[] Weights = [1f, 0.5f, 2f, 0f, 1.5f, 0.75f];

    private static MlpTrainingSettings Settings(MlpTask task, RegressionLossKind loss = RegressionLossKind.Squared) => new()
    {
        Task = task,
        RegressionLoss = loss,
        HuberDelta = 0.5f,
        HiddenLayerSizes = [5, 4],
        Activation = [Activation.Tanh, Activation.Gelu],
        Optimizer = OptimizerKind.Sgd,
        Momentum = 0f,
        LearningRate = 1f,
        BatchSize = Rows,
        MaximumNumberOfEpochs = 1,
        L2Regularization = L2,
        FeatureScaling = FeatureScaling.None,
        NumberOfThreads = 1,
    };

    private static void Check(MlpArchitecture architecture, MlpTrainingResult result, float[] before, float[] features, Func<double[], int, double> rowLoss)
    {
        ReadOnlySpan<float> after = result.Network.Parameters;
        var analytic = new double[before.Length];
        for (int i = 0; i < before.Length; i++) analytic[i] = (double)before[i] - after[i];
        double[] theta = before.Select(v => (double)v).ToArray();
        double[] numeric = GradientChecker.CentralDifference(
            t => ReferenceMlp.Objective(architecture, t, features, Rows, rowLoss, Weights, L2, out _), theta);
        GradientChecker.AssertClose(analytic, numeric, $"{architecture} ∇J", relative: 2e-3, absolute: 1e-6);
    }

    [TestMethod]
    public void MlpEngine_TrainInPlace_BinaryStepSubtractsCentralDifferenceGradient()
    {
        var architecture = new MlpArchitecture(Inputs, [5, 4], [Activation.Tanh, Activation.Gelu], MlpTask.Binary, 2);
        float[] before = GradientChecker.Uniform((int)architecture.ParameterCount, 0.8, seed: 41);
        float[] features = GradientChecker.Uniform(Rows * Inputs, 1.5, seed: 42);
        int[] labels = [0, 1, 1, 0, 1, 0];
        var result = MlpEngine.TrainInPlace((float[])features.Clone(), Rows, Inputs, labels, Weights, 2, Settings(MlpTask.Binary),
            new MlpNetwork(architecture, before));
        Check(architecture, result, before, features, (z, r) => Math.Log(1 + Math.Exp(labels[r] == 1 ? -z[0] : z[0])));
    }

    [TestMethod]
    [DataRow(RegressionLossKind.Squared)]
    [DataRow(RegressionLossKind.Huber)]
    public void MlpEngine_TrainInPlace_RegressionStepSubtractsCentralDifferenceGradient(RegressionLossKind kind)
    {
        var architecture = new MlpArchitecture(Inputs, [5, 4], [Activation.Tanh, Activation.Gelu], MlpTask.Regression, 0);
        float[] before = GradientChecker.Uniform((int)architecture.ParameterCount, 0.8, seed: 51);
        float[] features = GradientChecker.Uniform(Rows * Inputs, 1.5, seed: 52);
        float[] targets = [120f, 80f, 95f, 140f, 60f, 101f];
        var standardized = (float[])targets.Clone();
        TargetStandardizer.Fit(targets, Weights).Apply(standardized);
        var result = MlpEngine.TrainInPlace((float[])features.Clone(), Rows, Inputs, new int[Rows], Weights, 0, Settings(MlpTask.Regression, kind),
            new MlpNetwork(architecture, before), targets: (float[])targets.Clone());
        Check(architecture, result, before, features, (o, r) =>
        {
            double e = Math.Abs(o[0] - standardized[r]);
            return kind == RegressionLossKind.Squared || e <= 0.5 ? 0.5 * e * e : 0.5 * (e - 0.25);
        });
    }
}
