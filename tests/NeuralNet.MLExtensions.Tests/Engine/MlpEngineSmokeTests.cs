using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineSmokeTests
{
    [TestMethod]
    public void MlpEngine_Train_Digits_ReachesAccuracyFloor()
    {
        var train = TabularData.Load("digits_train.csv");
        var test = TabularData.Load("digits_test.csv");
        var result = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { Seed = 1 });
        double accuracy = TabularData.Accuracy(result, test);
        Console.WriteLine($"epochs {result.Epochs}, stop {result.StopReason}, accuracy {accuracy:F4}");
        Assert.IsGreaterThanOrEqualTo(0.97, accuracy);
    }
}
