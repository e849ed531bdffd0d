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

    private static MlpTrainingSettings HugeRate(float clip, int epochs = 5, int batch = 8) => new()
    {
        HiddenLayerSizes = [16, 16], Optimizer = OptimizerKind.Sgd, Momentum = 0f, LearningRate = 100f, BatchSize = batch,
        MaximumNumberOfEpochs = epochs, GradientClippingNorm = clip, NumberOfThreads = 1,
    };

    [TestMethod]
    public void MlpEngine_Train_HugeRate_DivergesWithoutClippingAndLearnsWithIt()
    {
        // The same rate is fatal without clipping (the loss overflows in the first epoch), so the clipped run is not finite by luck.
        Assert.ThrowsExactly<ArithmeticException>(() => Train(HugeRate(clip: 0f)));
        var result = Train(HugeRate(clip: 0.01f));
        Assert.IsTrue(result.Network.Parameters.ToArray().All(float.IsFinite));
        var losses = result.History.Select(h => h.TrainingLoss).ToArray();
        Console.WriteLine($"clipped losses: {string.Join(", ", losses)}");
        Assert.IsTrue(losses.All(double.IsFinite));
        Assert.IsLessThan(losses[0], losses[^1], "the clipped run still learns");
    }

    [TestMethod]
    public void MlpEngine_Train_GradientClipping_EachStepMovesRateTimesTheClipNorm()
    {
        // Full batches: one step per epoch, and a 2-epoch run repeats the 1-epoch run before its second step. Plain SGD
        // moves by rate × gradient, so with a gradient above the clip norm that step has length exactly rate × clip norm.
        const float clip = 0.01f;
        int rows = Iris.Value.Rows;
        var one = Train(HugeRate(clip, epochs: 1, batch: rows));
        var two = Train(HugeRate(clip, epochs: 2, batch: rows));
        Assert.IsGreaterThan(10 * clip, two.History[1].GradientNorm, "the gradient is far above the clip norm");
        double step = Math.Sqrt(one.Network.Parameters.ToArray().Zip(two.Network.Parameters.ToArray(), (a, b) => (double)(b - a) * (b - a)).Sum());
        Assert.AreEqual(100.0 * clip, step, 1e-4, "rate × clip norm");
    }
}
