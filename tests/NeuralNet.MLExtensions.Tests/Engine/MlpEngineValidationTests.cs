using NeuralNet.MLExtensions.Engine.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineValidationTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));
    private static readonly Lazy<TabularData> IrisTest = new(() => TabularData.Load("iris_test.csv"));

    private static ValidationSet AsValidation(TabularData t) => new(t.Features, t.Labels, null);

    private static MlpTrainingResult Train(MlpTrainingSettings settings, ValidationSet? validation = null, MlpWarmStart? warmStart = null)
    {
        var d = Iris.Value;
        return MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, settings, validation, warmStart);
    }

    /// <summary>Mean cross-entropy and accuracy of a trained result on raw rows, recomputed with the double-precision reference.</summary>
    private static (double Loss, double Accuracy) Recompute(MlpTrainingResult result, TabularData data)
    {
        var x = (float[])data.Features.Clone();
        result.Standardizer?.Apply(x, data.Rows);
        var theta = result.Network.Parameters.ToArray().Select(v => (double)v).ToArray();
        double loss = ReferenceMlp.Objective(result.Network.Architecture, theta, x, data.Labels, null, 0, out _);
        return (loss, TabularData.Accuracy(result, data));
    }

    [TestMethod]
    public void MlpEngine_Train_History_ValidationAndTrainingLossesMatchARecomputation()
    {
        var settings = new MlpTrainingSettings { HiddenLayerSizes = [8], L2Regularization = 0f, BatchSize = 1000, MaximumNumberOfEpochs = 1, NumberOfThreads = 1 };
        var first = Train(settings, AsValidation(IrisTest.Value));
        var second = Train(settings, AsValidation(IrisTest.Value), MlpWarmStart.From(first));

        // Validation metrics of epoch 1 are those of the weights after epoch 1.
        var (validationLoss, validationAccuracy) = Recompute(first, IrisTest.Value);
        Assert.AreEqual(validationLoss, first.History[0].ValidationLoss!.Value, 1e-5);
        Assert.AreEqual(validationAccuracy, first.History[0].ValidationAccuracy!.Value, 1e-12);
        // With one full batch per epoch, epoch 2's training loss is the loss of the weights after epoch 1.
        Assert.HasCount(2, second.History);
        Assert.AreEqual(Recompute(first, Iris.Value).Loss, second.History[1].TrainingLoss, 1e-5);
        Assert.AreEqual(2, second.History[1].Epoch);
    }

    [TestMethod]
    public void MlpEngine_Train_NoValidation_LeavesValidationMetricsNull()
    {
        var result = Train(new MlpTrainingSettings { HiddenLayerSizes = [4], MaximumNumberOfEpochs = 2 });
        Assert.IsTrue(result.History.All(h => h.ValidationLoss is null && h.ValidationAccuracy is null));
    }

    /// <summary>Validation labels that disagree with the features: the better the fit, the worse the validation loss.</summary>
    private static ValidationSet Misleading()
    {
        var t = Iris.Value;
        return new ValidationSet(t.Features, t.Labels.Select(y => (y + 1) % 3).ToArray(), null);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void MlpEngine_Train_EarlyStopping_StopsAfterPatienceAndRestoresTheBestEpochsWeights(bool restore)
    {
        const int patience = 3;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [16], LearningRate = 0.01f, MaximumNumberOfEpochs = 100, NumberOfThreads = 1,
            EarlyStoppingPatience = patience, RestoreBestWeights = restore,
        };
        var result = Train(settings, Misleading());

        var losses = result.History.Select(h => h.ValidationLoss!.Value).ToArray();
        int best = Array.IndexOf(losses, losses.Min()) + 1;
        Assert.AreEqual(StopReason.EarlyStopping, result.StopReason);
        Assert.AreEqual(best + patience, result.Epochs, "stops `patience` epochs after the best");
        Assert.AreEqual(restore ? best : result.Epochs, result.BestEpoch);
        // The returned weights give exactly the validation loss recorded for the epoch they come from.
        var t = Iris.Value;
        var (loss, _) = Recompute(result, new TabularData(t.Features, Misleading().Labels, t.FeatureCount, t.ClassCount));
        Assert.AreEqual(losses[result.BestEpoch - 1], loss, 1e-5);
        Assert.AreEqual(result.BestEpoch, result.TrainingState.EpochsCompleted);
    }

    [TestMethod]
    public void MlpEngine_Train_EarlyStoppingOnAccuracy_StopsWhenAccuracyStopsRising()
    {
        var result = Train(new MlpTrainingSettings
        {
            HiddenLayerSizes = [16], LearningRate = 0.01f, MaximumNumberOfEpochs = 200, NumberOfThreads = 1,
            EarlyStoppingMetric = EarlyStoppingMetric.ValidationAccuracy, EarlyStoppingPatience = 4,
        }, AsValidation(IrisTest.Value));
        var accuracies = result.History.Select(h => h.ValidationAccuracy!.Value).ToArray();
        Assert.AreEqual(StopReason.EarlyStopping, result.StopReason);
        int firstBest = Array.IndexOf(accuracies, accuracies.Max()) + 1;
        Assert.AreEqual(firstBest, result.BestEpoch, "the first epoch reaching the best accuracy is kept (later ties are no improvement)");
        Assert.AreEqual(firstBest + 4, result.Epochs);
    }

    [TestMethod]
    public void MlpEngine_Train_EarlyStoppingNone_RecordsValidationButRunsOn()
    {
        var result = Train(new MlpTrainingSettings
        {
            HiddenLayerSizes = [16], LearningRate = 0.01f, MaximumNumberOfEpochs = 30, ConvergencePatience = 100,
            EarlyStoppingMetric = EarlyStoppingMetric.None, EarlyStoppingPatience = 1,
        }, Misleading());
        Assert.AreEqual(30, result.Epochs);
        Assert.AreEqual(StopReason.MaximumEpochsReached, result.StopReason);
        Assert.IsTrue(result.History.All(h => h.ValidationLoss is not null));
    }

    [TestMethod]
    public void MlpEngine_Train_ValidationFraction_HoldsOutAStratifiedShareAndReportsOnIt()
    {
        var d = Iris.Value;
        var (trainX, trainY, _, validation) = StratifiedSplit.Split(d.Features, d.Rows, d.FeatureCount, d.Labels, null, d.ClassCount, 0.2f, seed: 3);
        Assert.AreEqual(d.Rows, trainY.Length + validation.Rows);
        for (int c = 0; c < d.ClassCount; c++)
        {
            int all = d.Labels.Count(y => y == c), held = validation.Labels.Count(y => y == c);
            Assert.AreEqual(Math.Round(0.2 * all), held, $"class {c}");
        }
        // Every held-out row is one of the original rows, and no row is in both parts.
        var rows = Enumerable.Range(0, d.Rows).Select(r => string.Join(",", d.Features.AsSpan(r * 4, 4).ToArray())).ToList();
        var trainRows = Enumerable.Range(0, trainY.Length).Select(r => string.Join(",", trainX.AsSpan(r * 4, 4).ToArray())).ToList();
        var heldRows = Enumerable.Range(0, validation.Rows).Select(r => string.Join(",", validation.Features.AsSpan(r * 4, 4).ToArray())).ToList();
        CollectionAssert.AreEquivalent(rows, trainRows.Concat(heldRows).ToList());

        var result = Train(new MlpTrainingSettings { HiddenLayerSizes = [4], MaximumNumberOfEpochs = 2, ValidationFraction = 0.2f, Seed = 3 });
        Assert.IsTrue(result.History.All(h => h.ValidationAccuracy is not null));
        var grid = Enumerable.Range(0, validation.Rows + 1).Select(k => (double)k / validation.Rows).ToArray();
        Assert.IsTrue(grid.Any(g => Math.Abs(g - result.History[0].ValidationAccuracy!.Value) < 1e-12), "accuracy is a fraction of the held-out rows");
    }

    [TestMethod]
    public void MlpEngine_Train_ValidationFractionWithValidationData_IsRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            Train(new MlpTrainingSettings { HiddenLayerSizes = [4], ValidationFraction = 0.2f }, AsValidation(IrisTest.Value)));
        Assert.AreEqual("ValidationFraction", ex.ParamName);
    }
}
