using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineCancellationTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    private static MlpTrainingResult Train(MlpTrainingSettings settings)
    {
        var d = Iris.Value;
        return MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, settings);
    }

    [TestMethod]
    public void MlpEngine_Train_CancellationRequestedMidEpoch_StopsBeforeTheNextMiniBatch()
    {
        // 112 rows in batches of 10: 12 mini-batches per epoch; the request comes before the 5th of epoch 1.
        int polls = 0, epochs = 0;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [8], BatchSize = 10,
            IsCancellationRequested = () => ++polls == 5,
            EpochCompleted = _ => epochs++,
        };
        Assert.ThrowsExactly<OperationCanceledException>(() => Train(settings));
        Assert.AreEqual(5, polls, "no mini-batch ran after the request");
        Assert.AreEqual(0, epochs);
    }

    [TestMethod]
    public void MlpEngine_Train_TokenCancelledMidEpoch_StopsBeforeTheNextMiniBatch()
    {
        using var cancellation = new CancellationTokenSource();
        int polls = 0;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [8], BatchSize = 10, CancellationToken = cancellation.Token,
            // The poll runs after the token check: cancelling in poll 3 must be seen before batch 4.
            IsCancellationRequested = () =>
            {
                if (++polls == 3) cancellation.Cancel();
                return false;
            },
        };
        Assert.ThrowsExactly<OperationCanceledException>(() => Train(settings));
        Assert.AreEqual(3, polls);
    }

    [TestMethod]
    public void MlpEngine_Train_LossBecomesNaNMidEpoch_StopsAtOnceSuggestingClipping()
    {
        int reported = 0;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [16, 16], Optimizer = OptimizerKind.Sgd, LearningRate = 1e6f, BatchSize = 8,
            EpochCompleted = _ => reported++,
        };
        var ex = Assert.ThrowsExactly<ArithmeticException>(() => Train(settings));
        Console.WriteLine(ex.Message);
        Assert.AreEqual(0, reported, "stopped inside the first epoch, not at its end");
        StringAssert.Contains(ex.Message, "epoch 1 (mini-batch");
        StringAssert.Contains(ex.Message, "LearningRate");
        StringAssert.Contains(ex.Message, "GradientClippingNorm");
    }

    [TestMethod]
    public void MlpEngine_Train_HugeRateWithClipping_DoesNotDiverge()
    {
        var result = Train(new MlpTrainingSettings
        {
            HiddenLayerSizes = [16, 16], Optimizer = OptimizerKind.Sgd, LearningRate = 10f, BatchSize = 8, MaximumNumberOfEpochs = 5, GradientClippingNorm = 0.01f,
        });
        Assert.IsTrue(result.Network.Parameters.ToArray().All(float.IsFinite));
    }
}
