using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>The binary and regression tasks learn: a smooth function to a small error in its own units, two interleaved classes.</summary>
[TestClass]
public sealed class MlpEngineTaskLearningTests
{
    // y = 1000 + 300·sin(2x₀) + 200·x₁² on [−1.5, 1.5]², far from mean 0 and scale 1, so standardisation matters.
    private static (float[] X, float[] Y) Smooth(int rows, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * 2];
        var y = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            x[2 * r] = (float)(random.NextDouble() * 3 - 1.5);
            x[2 * r + 1] = (float)(random.NextDouble() * 3 - 1.5);
            y[r] = (float)(1000 + 300 * Math.Sin(2 * x[2 * r]) + 200 * x[2 * r + 1] * x[2 * r + 1]);
        }
        return (x, y);
    }

    private static double Rmse(MlpTrainingResult result, float[] x, float[] y)
    {
        var inference = new MlpInference(result.Network, result.Standardizer, result.TargetStandardizer, numberOfThreads: 1);
        var predicted = new float[y.Length];
        inference.Outputs(x, y.Length, predicted);
        return Math.Sqrt(y.Select((v, r) => (predicted[r] - v) * (double)(predicted[r] - v)).Average());
    }

    [TestMethod]
    [DataRow(RegressionLossKind.Squared)]
    [DataRow(RegressionLossKind.Huber)]
    public void MlpEngine_TrainRegression_SmoothFunction_PredictsInTheTargetsUnits(RegressionLossKind loss)
    {
        var (x, y) = Smooth(800, 1);
        var (testX, testY) = Smooth(300, 2);
        var settings = new MlpTrainingSettings
        {
            Task = MlpTask.Regression, RegressionLoss = loss, HiddenLayerSizes = [32], Activation = [Activation.Tanh],
            LearningRate = 0.01f, MaximumNumberOfEpochs = 150, ValidationFraction = 0.2f, EarlyStoppingMetric = EarlyStoppingMetric.ValidationLoss,
            EarlyStoppingPatience = 20,
        };
        var result = MlpEngine.TrainRegression(x, 2, y, default, settings);

        double spread = Math.Sqrt(testY.Select(v => (v - testY.Average()) * (double)(v - testY.Average())).Average());
        double rmse = Rmse(result, testX, testY);
        Assert.IsLessThan(0.1 * spread, rmse, $"test RMSE {rmse:F1} against the target's spread {spread:F1}");
        Assert.AreEqual(y.Average(), result.TargetStandardizer!.Mean, 30, "the target's mean is kept in its units");
        var last = result.History[^1];
        Assert.IsNull(last.ValidationAccuracy, "regression has no accuracy");
        Assert.IsNotNull(last.ValidationRmse);
        Assert.IsLessThan(0.15 * spread, last.ValidationRmse!.Value, "the validation RMSE is in the target's units");
    }

    [TestMethod]
    public void MlpEngine_Train_Binary_SeparatesInterleavedClasses()
    {
        // Label 1 inside the ring 0.5 < |x| < 1.2: not linearly separable.
        var random = new Random(3);
        int rows = 800;
        var x = new float[rows * 2];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            x[2 * r] = (float)(random.NextDouble() * 4 - 2);
            x[2 * r + 1] = (float)(random.NextDouble() * 4 - 2);
            double norm = Math.Sqrt(x[2 * r] * x[2 * r] + x[2 * r + 1] * x[2 * r + 1]);
            labels[r] = norm is > 0.5 and < 1.2 ? 1 : 0;
        }
        var settings = new MlpTrainingSettings
        {
            Task = MlpTask.Binary, HiddenLayerSizes = [32], LearningRate = 0.01f, MaximumNumberOfEpochs = 150, ValidationFraction = 0.25f,
        };
        var result = MlpEngine.Train(x, 2, labels, default, 2, settings);

        Assert.AreEqual(1, result.Network.Architecture.OutputSize, "one logit");
        var last = result.History[^1];
        Assert.IsGreaterThan(0.93, last.ValidationAccuracy!.Value, $"validation accuracy {last.ValidationAccuracy}");
        Assert.IsLessThan(0.25, last.ValidationLoss!.Value, "validation log-loss");
        var inference = new MlpInference(result.Network, result.Standardizer);
        var p = new float[2];
        inference.Probabilities([0.8f, 0f, 0f, 0f], 2, p);
        Assert.IsGreaterThan(0.8f, p[0], "on the ring");
        Assert.IsLessThan(0.2f, p[1], "at the centre");
    }

    [TestMethod]
    public void MlpTrainingSettings_Validate_AccuracyMetricForRegression_SaysUseValidationLoss()
    {
        var settings = new MlpTrainingSettings { Task = MlpTask.Regression, EarlyStoppingMetric = EarlyStoppingMetric.ValidationAccuracy };
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(settings.Validate);
        StringAssert.Contains(e.Message, "EarlyStoppingMetric");
        StringAssert.Contains(e.Message, "Use ValidationLoss");
    }
}
