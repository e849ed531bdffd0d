using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// A whole k = 4 ensemble, for each task: one full-batch SGD step with learning rate 1 moves the parameters by
/// exactly the gradient of the mean of the members' weighted losses plus the L2 penalty, computed by central
/// differences of <see cref="EnsembleReference.Objective"/> (adapter scales, shared layers and heads alike).
/// </summary>
[TestClass]
public sealed class EnsembleNetworkGradientTests
{
    private const int Inputs = 4, Rows = 6, K = 4;
    private const float L2 = 0.05f;
    private static readonly float[] Weights = [1f, 0.5f, 2f, 0f, 1.5f, 0.75f];
    private static readonly int[] Labels = [0, 2, 1, 0, 1, 2];
    private static readonly float[] Targets = [0.5f, -1f, 1.5f, 0.2f, -0.7f, 1f];

    [TestMethod]
    [DataRow(MlpTask.Multiclass)]
    [DataRow(MlpTask.Binary)]
    [DataRow(MlpTask.Regression)]
    public void MlpEngine_TrainInPlace_EnsembleStepSubtractsCentralDifferenceGradient(MlpTask task)
    {
        int classes = task switch { MlpTask.Multiclass => 3, MlpTask.Binary => 2, _ => 0 };
        var architecture = new MlpArchitecture(Inputs, [5, 4], [Activation.Tanh, Activation.Gelu], task, classes) { EnsembleSize = K };
        float[] before = GradientChecker.Uniform((int)architecture.ParameterCount, 0.8, seed: 51);
        float[] features = GradientChecker.Uniform(Rows * Inputs, 1.5, seed: 52);
        int[] labels = task == MlpTask.Binary ? Labels.Select(l => l == 0 ? 0 : 1).ToArray() : task == MlpTask.Regression ? new int[Rows] : Labels;
        var settings = new MlpTrainingSettings
        {
            Task = task, EnsembleSize = K, HiddenLayerSizes = [5, 4], Activation = [Activation.Tanh, Activation.Gelu],
            Optimizer = OptimizerKind.Sgd, Momentum = 0f, LearningRate = 1f, BatchSize = Rows, MaximumNumberOfEpochs = 1,
            L2Regularization = L2, FeatureScaling = FeatureScaling.None, NumberOfThreads = 1,
        };
        // Regression standardises its targets inside; the reference uses the same standardised values.
        float[]? targets = task == MlpTask.Regression ? (float[])Targets.Clone() : null;
        float[] standardized = targets is null ? [] : Standardized(Targets, Weights);
        var result = MlpEngine.TrainInPlace((float[])features.Clone(), Rows, Inputs, labels, Weights, classes, settings,
            new MlpNetwork(architecture, before), targets: targets);

        Func<double[], int, double> rowLoss = task switch
        {
            MlpTask.Multiclass => (z, r) => { double max = z.Max(); return max + Math.Log(z.Sum(v => Math.Exp(v - max))) - z[labels[r]]; },
            MlpTask.Binary => (z, r) => Math.Log(1 + Math.Exp(labels[r] == 1 ? -z[0] : z[0])),
            _ => (z, r) => 0.5 * (z[0] - standardized[r]) * (z[0] - standardized[r]),
        };
        ReadOnlySpan<float> after = result.Network.Parameters;
        var analytic = new double[before.Length];
        for (int i = 0; i < before.Length; i++) analytic[i] = (double)before[i] - after[i];
        double[] numeric = GradientChecker.CentralDifference(
            t => EnsembleReference.Objective(architecture, t, features, Rows, rowLoss, Weights, L2), before.Select(v => (double)v).ToArray());
        GradientChecker.AssertClose(analytic, numeric, $"{architecture} ∇J", relative: 2e-3, absolute: 1e-6);
    }

    // The engine's target standardisation: weighted mean and standard deviation.
    private static float[] Standardized(float[] targets, float[] weights)
    {
        var s = TargetStandardizer.Fit(targets, weights);
        var copy = (float[])targets.Clone();
        s.Apply(copy);
        return copy;
    }
}
