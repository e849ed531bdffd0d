using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// Warm start and early stopping carry over to the binary and regression tasks: a resumed run gives the weights of
/// the uninterrupted one, keeping the regression target's standardisation, and early stopping on the validation loss acts.
/// </summary>
[TestClass]
public sealed class MlpEngineTaskWarmStartTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    private static MlpTrainingSettings Settings(MlpTask task, int epochs, int threads = 1) => new()
    {
        Task = task, HiddenLayerSizes = [16], LearningRate = 0.02f, BatchSize = 16, MaximumNumberOfEpochs = epochs, ConvergencePatience = 100,
        Seed = 9, NumberOfThreads = threads, MinimumParallelStepMultiplyAdds = 0, DropoutRates = [0.1f], ValidationFraction = 0.2f, EarlyStoppingMetric = EarlyStoppingMetric.None,
    };

    private static MlpTrainingResult Train(MlpTask task, MlpTrainingSettings settings, MlpWarmStart? warmStart = null)
    {
        var d = Iris.Value;
        return task == MlpTask.Regression
            ? MlpEngine.TrainRegression(d.Features, d.FeatureCount, d.Labels.Select(y => (float)y * 10 + 5).ToArray(), default, settings, warmStart: warmStart)
            : MlpEngine.Train(d.Features, d.FeatureCount, d.Labels.Select(y => y == 2 ? 1 : 0).ToArray(), default, 2, settings, null, warmStart);
    }

    [TestMethod]
    [DataRow(MlpTask.Binary)]
    [DataRow(MlpTask.Regression)]
    public void MlpEngine_WarmStartFromCheckpoint_MatchesTrainingStraightThrough(MlpTask task)
    {
        var straight = Train(task, Settings(task, 10));
        var half = Train(task, Settings(task, 4));
        var resumed = Train(task, Settings(task, 6, threads: 2), MlpWarmStart.From(half));

        CollectionAssert.AreEqual(straight.Network.Parameters.ToArray(), resumed.Network.Parameters.ToArray(), "bit-identical weights");
        CollectionAssert.AreEqual(straight.History.Select(h => h.ValidationLoss).ToArray(), resumed.History.Select(h => h.ValidationLoss).ToArray());
        Assert.AreEqual(straight.TargetStandardizer?.Mean, resumed.TargetStandardizer?.Mean);
        Assert.AreEqual(straight.TargetStandardizer?.Scale, resumed.TargetStandardizer?.Scale);
    }

    [TestMethod]
    [DataRow(MlpTask.Binary)]
    [DataRow(MlpTask.Regression)]
    public void MlpEngine_EarlyStoppingOnValidationLoss_StopsAndKeepsTheBestEpoch(MlpTask task)
    {
        var settings = new MlpTrainingSettings
        {
            Task = task, HiddenLayerSizes = [64], LearningRate = 0.05f, BatchSize = 8, MaximumNumberOfEpochs = 300, ConvergencePatience = 300,
            L2Regularization = 0f, Seed = 3, ValidationFraction = 0.3f, EarlyStoppingMetric = EarlyStoppingMetric.ValidationLoss, EarlyStoppingPatience = 5,
        };
        var result = Train(task, settings);
        Assert.AreEqual(StopReason.EarlyStopping, result.StopReason);
        double best = result.History.Min(h => h.ValidationLoss!.Value);
        Assert.AreEqual(best, result.History.Single(h => h.Epoch == result.BestEpoch).ValidationLoss!.Value, "the kept epoch has the lowest validation loss");
    }
}
