using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// The training and validation losses are weighted means (summed weighted loss over the sum of the weights), so they
/// are on one scale and ConvergenceTolerance means the same with and without weights.
/// </summary>
[TestClass]
public sealed class MlpEngineLossScaleTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    // One epoch of one mini-batch: the reported training loss is the untrained network's (measured before the update).
    private static MlpTrainingSettings OneBatch(float learningRate = 1e-3f) => new()
    {
        HiddenLayerSizes = [8], LearningRate = learningRate, BatchSize = 10_000, MaximumNumberOfEpochs = 1, L2Regularization = 0f, Seed = 4, NumberOfThreads = 1,
    };

    private static MlpTrainingResult Train(MlpTrainingSettings settings, float[]? weights, ValidationSet? validation = null)
    {
        var d = Iris.Value;
        return MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, weights, d.ClassCount, settings, validation, warmStart: null);
    }

    [TestMethod]
    public void MlpEngine_Train_AllWeightsTwo_ReportsTheUnweightedTrainingLoss()
    {
        double unweighted = Train(OneBatch(), null).History[0].TrainingLoss;
        double doubled = Train(OneBatch(), Enumerable.Repeat(2f, Iris.Value.Rows).ToArray()).History[0].TrainingLoss;
        Assert.AreEqual(unweighted, doubled, 1e-12 * unweighted);
    }

    [TestMethod]
    public void MlpEngine_Train_WeightedRowsAsValidationData_TrainingAndValidationLossAgree()
    {
        var d = Iris.Value;
        var random = new Random(5);
        float[] weights = Enumerable.Range(0, d.Rows).Select(_ => (float)(0.5 + 3 * random.NextDouble())).ToArray();
        // A learning rate so small that the update between measuring the training loss and the validation loss is negligible.
        var result = Train(OneBatch(learningRate: 1e-9f), weights, new ValidationSet(d.Features, d.Labels, weights));
        var epoch = result.History.Single();
        Assert.AreEqual(epoch.ValidationLoss!.Value, epoch.TrainingLoss, 1e-5 * epoch.TrainingLoss);
    }

    [TestMethod]
    public void MlpEngine_Train_AllExampleWeightsZero_IsRefusedSayingNoExampleCarriesWeight()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => Train(OneBatch(), new float[Iris.Value.Rows]));
        StringAssert.Contains(e.Message, "No training example carries weight");
        StringAssert.Contains(e.Message, "Give some rows a positive weight");
    }

    [TestMethod]
    public void MlpEngine_Train_ExplicitClassWeightsZeroForEveryPresentClass_IsRefused()
    {
        var d = Iris.Value;
        var settings = new MlpTrainingSettings { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 1, ClassWeighting = ClassWeighting.Explicit, ClassWeights = [0f, 0f, 0f, 1f] };
        var e = Assert.ThrowsExactly<ArgumentException>(() => MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, 4, settings));
        StringAssert.Contains(e.Message, "times the class weights");
    }
}
