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
        MaximumNumberOfEpochs = epochs, ConvergencePatience = 100, Seed = 9, L2Regularization = 0f, NumberOfThreads = threads, MinimumParallelStepMultiplyAdds = 0,
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

    private static MlpTrainingSettings Scheduled(LearningRateScheduleKind schedule, int epochs, int threads = 1) => new()
    {
        HiddenLayerSizes = [16], LearningRate = schedule == LearningRateScheduleKind.ReduceOnPlateau ? 0.3f : 0.02f, BatchSize = 16,
        MaximumNumberOfEpochs = epochs, ConvergencePatience = 100, Seed = 9, NumberOfThreads = threads, MinimumParallelStepMultiplyAdds = 0, DropoutRates = [0.1f],
        LearningRateSchedule = schedule, LearningRateScheduleEpochs = 6, WarmupEpochs = 1, MinimumLearningRate = 1e-4f,
        StepDecayEpochs = 2, StepDecayFactor = 0.5f, ExponentialDecayRate = 0.7f, PlateauPatience = 1, PlateauFactor = 0.5f,
    };

    [TestMethod]
    [DataRow(LearningRateScheduleKind.Constant)]
    [DataRow(LearningRateScheduleKind.StepDecay)]
    [DataRow(LearningRateScheduleKind.ExponentialDecay)]
    [DataRow(LearningRateScheduleKind.CosineDecay)]
    [DataRow(LearningRateScheduleKind.OneCycle)]
    [DataRow(LearningRateScheduleKind.ReduceOnPlateau)]
    public void MlpEngine_Train_WarmStartWithEverySchedule_ThreePlusThreeEqualsSixStraight(LearningRateScheduleKind schedule)
    {
        var straight = Train(Scheduled(schedule, 6));
        var resumed = Train(Scheduled(schedule, 3, threads: 2), MlpWarmStart.From(Train(Scheduled(schedule, 3))));

        CollectionAssert.AreEqual(straight.History.Select(h => h.LearningRate).ToArray(), resumed.History.Select(h => h.LearningRate).ToArray(), "learning rates");
        CollectionAssert.AreEqual(straight.Network.Parameters.ToArray(), resumed.Network.Parameters.ToArray(), "bit-identical weights");
        Assert.AreEqual(6, resumed.TrainingState.ScheduleEpochs);
        if (schedule != LearningRateScheduleKind.Constant)
            Assert.IsGreaterThan(1, straight.History.Select(h => h.LearningRate).Distinct().Count(), "the schedule did change the rate");
    }

    [TestMethod]
    public void MlpEngine_Train_WarmStartOfACosineRun_ContinuesTheSavedSpan()
    {
        // The first part spans 6 epochs; the second part's own setting (0: its 3 epochs) does not shorten it.
        var straight = Train(Scheduled(LearningRateScheduleKind.CosineDecay, 6));
        var second = Scheduled(LearningRateScheduleKind.CosineDecay, 3);
        var resumed = Train(new MlpTrainingSettings
        {
            HiddenLayerSizes = second.HiddenLayerSizes, LearningRate = second.LearningRate, BatchSize = second.BatchSize, MaximumNumberOfEpochs = 3,
            ConvergencePatience = 100, Seed = 9, DropoutRates = second.DropoutRates, LearningRateSchedule = LearningRateScheduleKind.CosineDecay,
            WarmupEpochs = 1, MinimumLearningRate = 1e-4f,
        }, MlpWarmStart.From(Train(Scheduled(LearningRateScheduleKind.CosineDecay, 3))));
        CollectionAssert.AreEqual(straight.History.Select(h => h.LearningRate).ToArray(), resumed.History.Select(h => h.LearningRate).ToArray());
    }

    private static MlpTrainingSettings Stopping(int epochs, bool restoreBest) => new()
    {
        HiddenLayerSizes = [32], LearningRate = 0.03f, BatchSize = 8, MaximumNumberOfEpochs = epochs, ConvergencePatience = 1000, Seed = 3,
        NumberOfThreads = 1, L2Regularization = 0f, ValidationFraction = 0.3f, EarlyStoppingPatience = 3, RestoreBestWeights = restoreBest,
    };

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void MlpEngine_Train_WarmStartDuringEarlyStoppingPatience_StopsWhereTheUninterruptedRunStops(bool restoreBest)
    {
        var straight = Train(Stopping(200, restoreBest));
        Assert.AreEqual(StopReason.EarlyStopping, straight.StopReason, "the uninterrupted run stops early");
        int stop = straight.Epochs, best = stop - 3;
        Assert.IsGreaterThan(1, best, "some epochs improved before the patience ran out");

        // Interrupted one epoch before the stop, when two of the three epochs of patience are used up.
        var first = Train(Stopping(stop - 1, restoreBest));
        var resumed = Train(Stopping(200, restoreBest), MlpWarmStart.From(first));

        Assert.AreEqual(StopReason.EarlyStopping, resumed.StopReason);
        CollectionAssert.AreEqual(Enumerable.Range(1, stop).ToArray(), resumed.History.Select(h => h.Epoch).ToArray(), "stops at the same epoch, history not repeated");
        Assert.AreEqual(straight.BestEpoch, resumed.BestEpoch);
        CollectionAssert.AreEqual(straight.Network.Parameters.ToArray(), resumed.Network.Parameters.ToArray(), "bit-identical weights");
    }

    [TestMethod]
    public void MlpEngine_Train_WarmStartWithoutState_NumbersEpochsOnFromTheHistory()
    {
        var half = Train(Settings(OptimizerKind.Adam, 3));
        var renumbered = Train(Settings(OptimizerKind.Adam, 2), new MlpWarmStart(half.Network, half.Standardizer, null, []));
        var continued = Train(Settings(OptimizerKind.Adam, 2), new MlpWarmStart(half.Network, half.Standardizer, null, half.History));

        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, continued.History.Select(h => h.Epoch).ToArray());
        Assert.AreEqual(5, continued.TrainingState.EpochsCompleted);
        // Epochs 4 and 5 draw their own shuffles and dropout masks, not those of epochs 1 and 2 again.
        Assert.IsFalse(renumbered.Network.Parameters.SequenceEqual(continued.Network.Parameters));
    }

    [TestMethod]
    public void MlpEngine_Train_WarmStartForIntMaxValueEpochs_TrainsUntilItConverges()
    {
        var settings = new MlpTrainingSettings { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 2, Seed = 2, ConvergencePatience = 2, ConvergenceTolerance = 0.05f };
        var first = Train(settings);
        var more = Train(new MlpTrainingSettings
        {
            HiddenLayerSizes = [8], MaximumNumberOfEpochs = int.MaxValue, Seed = 2, ConvergencePatience = 2, ConvergenceTolerance = 0.05f,
        }, MlpWarmStart.From(first));
        Assert.AreEqual(StopReason.TrainingLossConverged, more.StopReason);
        Assert.IsGreaterThan(2, more.Epochs);
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
