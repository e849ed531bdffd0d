using Microsoft.ML;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>Default options, real data, the given 75/25 splits: the accuracy floors the product promises.</summary>
[TestClass]
public sealed class MlpTrainerAccuracyTests
{
    [TestMethod]
    [DataRow("iris", 0.95)]
    [DataRow("wine", 0.95)]
    [DataRow("digits", 0.97)]
    public void MlpTrainer_Fit_DefaultOptions_ReachesAccuracyFloor(string dataSet, double floor)
    {
        var ml = new MLContext(seed: 0);
        var metrics = MlNetData.TrainAndEvaluate(ml, dataSet, ml.MulticlassClassification.Trainers.Mlp());
        Console.WriteLine($"{dataSet}: micro accuracy {metrics.MicroAccuracy:F4}, log-loss {metrics.LogLoss:F4}");
        Assert.IsGreaterThanOrEqualTo(floor, metrics.MicroAccuracy);
    }

    [TestMethod]
    public void MlpTrainer_Fit_Digits_BeatsLbfgsMaximumEntropyDefaults()
    {
        var ml = new MLContext(seed: 0);
        var mlp = MlNetData.TrainAndEvaluate(ml, "digits", ml.MulticlassClassification.Trainers.Mlp());
        var lbfgs = MlNetData.TrainAndEvaluate(ml, "digits", ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
        Console.WriteLine($"MLP {mlp.MicroAccuracy:F4}, L-BFGS maximum entropy {lbfgs.MicroAccuracy:F4}");
        Assert.IsGreaterThan(lbfgs.MicroAccuracy, mlp.MicroAccuracy);
    }

    [TestMethod]
    public void MlpTrainer_Fit_NoHiddenLayer_IsLogisticRegressionAndLearnsIris()
    {
        var ml = new MLContext(seed: 0);
        // A linear model on 112 rows takes few steps per epoch: a larger step size than the default suits it.
        var trainer = ml.MulticlassClassification.Trainers.Mlp(hiddenLayerSizes: [], learningRate: 0.01f);
        var model = MlNetData.Pipeline(ml, trainer).Fit(MlNetData.Load(ml, "iris_train.csv"));
        var mlp = MlNetData.Mlp(model);
        Assert.AreEqual(1, mlp.Architecture.LayerCount);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(MlNetData.Load(ml, "iris_test.csv")));
        Assert.IsGreaterThanOrEqualTo(0.9, metrics.MicroAccuracy);
    }
}
