using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineStoppingTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    private static MlpTrainingResult Train(MlpTrainingSettings settings)
    {
        var data = Iris.Value;
        return MlpEngine.Train(data.Features, data.FeatureCount, data.Labels, default, data.ClassCount, settings);
    }

    [TestMethod]
    public void MlpEngine_Train_LossStopsImproving_ReportsConvergenceBeforeMaximum()
    {
        const int maximum = 500, patience = 5;
        const float tolerance = 1e-3f;
        var result = Train(new MlpTrainingSettings
        {
            HiddenLayerSizes = [],
            LearningRate = 0.05f,
            MaximumNumberOfEpochs = maximum,
            ConvergenceTolerance = tolerance,
            ConvergencePatience = patience,
        });

        Console.WriteLine($"epochs {result.Epochs}");
        Assert.AreEqual(StopReason.TrainingLossConverged, result.StopReason);
        Assert.IsLessThan(maximum, result.Epochs);
        Assert.IsGreaterThan(patience, result.Epochs);
        // The documented rule: each of the last `patience` epochs failed to beat the best earlier loss by the tolerance.
        var losses = result.History.Select(h => h.TrainingLoss).ToArray();
        for (int e = losses.Length - patience; e < losses.Length; e++)
            Assert.IsGreaterThan(losses[..e].Min() - tolerance, losses[e], $"Epoch {e + 1} still improved.");
    }

    [TestMethod]
    public void MlpEngine_Train_StillImprovingAtMaximum_ReportsMaximumEpochs()
    {
        var result = Train(new MlpTrainingSettings { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 4 });

        Assert.AreEqual(StopReason.MaximumEpochsReached, result.StopReason);
        Assert.AreEqual(4, result.Epochs);
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4 }, result.History.Select(h => h.Epoch).ToArray());
    }

    [TestMethod]
    public void MlpEngine_Train_CancelledAfterSecondEpoch_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        int reported = 0;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [8],
            MaximumNumberOfEpochs = 50,
            CancellationToken = cancellation.Token,
            EpochCompleted = report =>
            {
                reported = report.Epoch;
                if (report.Epoch == 2) cancellation.Cancel();
            },
        };

        Assert.ThrowsExactly<OperationCanceledException>(() => Train(settings));
        Assert.AreEqual(2, reported, "Training must stop within the epoch after cancellation.");
    }

    [TestMethod]
    public void MlpEngine_Train_AlreadyCancelled_ThrowsBeforeAnyEpochCompletes()
    {
        int reported = 0;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [8],
            CancellationToken = new CancellationToken(canceled: true),
            EpochCompleted = _ => reported++,
        };

        Assert.ThrowsExactly<OperationCanceledException>(() => Train(settings));
        Assert.AreEqual(0, reported);
    }

    [TestMethod]
    public void MlpEngine_Train_HugeSgdLearningRate_ThrowsArithmeticExceptionNamingTheEpoch()
    {
        int lastGoodEpoch = 0;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [16, 16],
            Optimizer = OptimizerKind.Sgd,
            LearningRate = 1e6f,
            MaximumNumberOfEpochs = 100,
            ConvergencePatience = 100,
            EpochCompleted = report => lastGoodEpoch = report.Epoch,
        };

        var ex = Assert.ThrowsExactly<ArithmeticException>(() => Train(settings));
        Console.WriteLine(ex.Message);
        // Whichever epoch it is (the first, at this rate), the message must name the one that produced the bad loss.
        Assert.MatchesRegex($@"\bepoch {lastGoodEpoch + 1}\b", ex.Message);
        Assert.Contains("LearningRate", ex.Message);
    }

    [TestMethod]
    public void MlpEngine_Train_AdamAtHugeLearningRate_ThrowsArithmeticExceptionNamingTheEpoch()
    {
        // Adam's normalised steps keep the loss finite (about 1e13 on iris) but the model at chance: still divergence.
        int lastGoodEpoch = 0;
        var settings = new MlpTrainingSettings
        {
            LearningRate = 1e6f, MaximumNumberOfEpochs = 30, ConvergencePatience = 100, Seed = 1, NumberOfThreads = 1,
            EpochCompleted = report => lastGoodEpoch = report.Epoch,
        };

        var ex = Assert.ThrowsExactly<ArithmeticException>(() => Train(settings));
        Assert.MatchesRegex($@"\bepoch {lastGoodEpoch + 1}\b", ex.Message);
        Assert.Contains("untrained network's", ex.Message);
        Assert.Contains("Lower LearningRate (now 1000000)", ex.Message);
    }

    [TestMethod]
    [DataRow(OptimizerKind.Adam, 1f, 0f, 0f)]
    [DataRow(OptimizerKind.Adam, 0.3f, 0.2f, 1e-2f)]
    [DataRow(OptimizerKind.Sgd, 0.5f, 0.1f, 1e-3f)]
    public void MlpEngine_Train_HighButStableLearningRate_IsNotTakenForDivergence(OptimizerKind optimizer, float rate, float smoothing, float l2)
    {
        // A rate high enough to make the loss jump about (up to some 20 times the untrained loss), with label smoothing and L2.
        var result = Train(new MlpTrainingSettings
        {
            Optimizer = optimizer, LearningRate = rate, LabelSmoothing = smoothing, L2Regularization = l2, MaximumNumberOfEpochs = 30,
            ConvergencePatience = 100, Seed = 1, NumberOfThreads = 1,
        });
        Assert.HasCount(30, result.History);
        Assert.IsTrue(double.IsFinite(result.TrainingState.InitialLoss));
    }
}
