using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>The engine fits Robust scaling on the training rows and applies it to validation rows, scoring and warm starts alike.</summary>
[TestClass]
public sealed class RobustScalingTrainingTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    private static MlpTrainingSettings Settings(FeatureScaling scaling, int epochs = 10) => new()
    {
        HiddenLayerSizes = [8], MaximumNumberOfEpochs = epochs, Seed = 4, NumberOfThreads = 1, FeatureScaling = scaling,
        EarlyStoppingMetric = EarlyStoppingMetric.None,
    };

    [TestMethod]
    public void MlpEngine_Train_Robust_FitsOnTheTrainingRows()
    {
        var d = Iris.Value;
        var result = MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, Settings(FeatureScaling.Robust));
        var expected = FeatureStandardizer.FitRobust(d.Features, d.Rows, d.FeatureCount);
        Assert.AreEqual(FeatureScaling.Robust, result.Standardizer!.Kind);
        CollectionAssert.AreEqual(expected.Center.ToArray(), result.Standardizer.Center.ToArray());
        CollectionAssert.AreEqual(expected.Scale.ToArray(), result.Standardizer.Scale.ToArray());
        Assert.IsNull(MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, Settings(FeatureScaling.None)).Standardizer);
    }

    [TestMethod]
    public void MlpEngine_Train_Robust_ValidationLossIsTheScoredModelsLoss()
    {
        // The validation rows are scaled as the model scales them at scoring: the recorded loss equals the
        // cross-entropy of MlpInference's probabilities on the raw rows.
        var d = Iris.Value;
        var test = TabularData.Load("iris_test.csv");
        var validation = new ValidationSet(test.Features, test.Labels, null);
        var result = MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, Settings(FeatureScaling.Robust, epochs: 3),
            validation, warmStart: null);
        var p = new float[test.Rows * d.ClassCount];
        new MlpInference(result.Network, result.Standardizer).Probabilities(test.Features, test.Rows, p);
        double loss = Enumerable.Range(0, test.Rows).Average(r => -Math.Log(p[r * d.ClassCount + test.Labels[r]]));
        Assert.AreEqual(loss, result.History[^1].ValidationLoss!.Value, 1e-5);
    }

    [TestMethod]
    public void MlpEngine_Train_WarmStartFromRobust_KeepsTheModelsScaling()
    {
        var d = Iris.Value;
        var first = MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, Settings(FeatureScaling.Robust, epochs: 3));
        // Continue on other rows, asking for Standard: the network was trained on robust inputs, so the model's scaling stays.
        var other = TabularData.Load("iris_test.csv");
        var resumed = MlpEngine.Train(other.Features, other.FeatureCount, other.Labels, default, other.ClassCount,
            Settings(FeatureScaling.Standard, epochs: 2), validation: null, MlpWarmStart.From(first));
        Assert.AreSame(first.Standardizer, resumed.Standardizer);
        Assert.AreEqual(5, resumed.History.Count);
    }
}
