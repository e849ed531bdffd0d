using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineLearningTests
{
    [TestMethod]
    public void MlpEngine_Train_NoHiddenLayers_LogisticRegressionFitsIris()
    {
        var train = TabularData.Load("iris_train.csv");
        var test = TabularData.Load("iris_test.csv");
        var result = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { HiddenLayerSizes = [], LearningRate = 0.05f, Seed = 3 });

        Assert.AreEqual(1, result.Network.Architecture.LayerCount, "Zero hidden layers is a single affine layer.");
        double accuracy = TabularData.Accuracy(result, test);
        Console.WriteLine($"epochs {result.Epochs}, stop {result.StopReason}, accuracy {accuracy:F4}");
        Assert.IsGreaterThanOrEqualTo(0.9, accuracy);
    }

    [TestMethod]
    public void MlpEngine_Train_Wine_TrainingLossFallsOverEpochs()
    {
        var train = TabularData.Load("wine_train.csv");
        var result = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 30, L2Regularization = 0f, Seed = 4 });

        var losses = result.History.Select(h => h.TrainingLoss).ToArray();
        Console.WriteLine(string.Join(", ", losses.Select(l => l.ToString("F4"))));
        Assert.HasCount(30, losses);
        // The loss must at least halve over the run, and each block of ten epochs must end lower than it started.
        Assert.IsLessThan(0.5 * losses[0], losses[^1]);
        for (int e = 10; e < losses.Length; e += 10)
            Assert.IsLessThan(losses[e - 10], losses[e], $"Loss did not fall between epochs {e - 9} and {e + 1}.");
    }
}
