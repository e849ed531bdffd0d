using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineWarmStartTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    private static MlpTrainingResult Train(MlpTrainingSettings settings, MlpWarmStart? warmStart = null, ValidationSet? validation = null)
    {
        var d = Iris.Value;
        return MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, settings, validation, warmStart);
    }

    private static MlpTrainingSettings Settings(OptimizerKind optimizer, int epochs, int threads = 1) => new()
    {
        HiddenLayerSizes = [16, 8], Optimizer = optimizer, LearningRate = optimizer == OptimizerKind.Sgd ? 0.3f : 0.05f, BatchSize = 16,
        MaximumNumberOfEpochs = epochs, ConvergencePatience = 100, Seed = 9, L2Regularization = 0f, NumberOfThreads = threads,
        DropoutRates = [0.2f], LearningRateSchedule = LearningRateScheduleKind.ReduceOnPlateau, PlateauPatience = 1, PlateauFactor = 0.7f,
        ValidationFraction = 0.2f, EarlyStoppingMetric = EarlyStoppingMetric.None,
    };

    [TestMethod]
    [DataRow(OptimizerKind.Adam)]
    [DataRow(OptimizerKind.AdamW)]
    [DataRow(OptimizerKind.Sgd)]
    public void MlpEngine_Train_WarmStartFromCheckpoint_MatchesTrainingStraightThrough(OptimizerKind optimizer)
    {
        var straight = Train(Settings(optimizer, 12));
        var half = Train(Settings(optimizer, 5));
        var resumed = Train(Settings(optimizer, 7, threads: 2), MlpWarmStart.From(half));

        CollectionAssert.AreEqual(straight.Network.Parameters.ToArray(), resumed.Network.Parameters.ToArray(), "bit-identical weights");
        CollectionAssert.AreEqual(straight.History.Select(h => h.TrainingLoss).ToArray(), resumed.History.Select(h => h.TrainingLoss).ToArray());
        CollectionAssert.AreEqual(straight.History.Select(h => h.LearningRate).ToArray(), resumed.History.Select(h => h.LearningRate).ToArray());
        Assert.IsLessThan(straight.History[0].LearningRate, straight.TrainingState.PlateauLearningRate, "the plateau schedule did act");
        Assert.AreEqual(12, resumed.TrainingState.EpochsCompleted);
        Assert.AreEqual(straight.TrainingState.OptimizerStepCount, resumed.TrainingState.OptimizerStepCount);
    }

    [TestMethod]
    public void MlpEngine_Train_WarmStartWithoutCheckpoint_StartsFromTheWeightsWithAFreshOptimizer()
    {
        var half = Train(Settings(OptimizerKind.Adam, 3));
        var fresh = Train(Settings(OptimizerKind.Adam, 1), new MlpWarmStart(half.Network, half.Standardizer, null, []));
        var resumed = Train(Settings(OptimizerKind.Adam, 1), MlpWarmStart.From(half));
        Assert.AreEqual(1, fresh.History[0].Epoch);
        Assert.AreEqual(4, resumed.History[^1].Epoch);
        Assert.IsFalse(fresh.Network.Parameters.SequenceEqual(resumed.Network.Parameters));
    }

    [TestMethod]
    public void MlpEngine_Train_WarmStartMismatch_SaysWhatDiffers()
    {
        var d = Iris.Value;
        var model = Train(new MlpTrainingSettings { HiddenLayerSizes = [4], MaximumNumberOfEpochs = 1 });
        var warm = MlpWarmStart.From(model);

        var features = Assert.ThrowsExactly<ArgumentException>(() => MlpEngine.Train(d.Features, 2, d.Labels.Concat(d.Labels).ToArray(), default, 3,
            new MlpTrainingSettings { HiddenLayerSizes = [4] }, null, warm));
        StringAssert.Contains(features.Message, "takes 4 features, but the training data has 2");

        var classes = Assert.ThrowsExactly<ArgumentException>(() => MlpEngine.Train(d.Features, 4, d.Labels, default, 5,
            new MlpTrainingSettings { HiddenLayerSizes = [4] }, null, warm));
        StringAssert.Contains(classes.Message, "predicts 3 classes, but the training data's label has 5");

        var layers = Assert.ThrowsExactly<ArgumentException>(() => Train(new MlpTrainingSettings { HiddenLayerSizes = [5] }, warm));
        StringAssert.Contains(layers.Message, "4-4(Relu)-3");

        var optimizer = Assert.ThrowsExactly<ArgumentException>(() => Train(new MlpTrainingSettings { HiddenLayerSizes = [4], Optimizer = OptimizerKind.Sgd }, warm));
        StringAssert.Contains(optimizer.Message, "optimizer Adam, but Optimizer is Sgd");
    }
}
