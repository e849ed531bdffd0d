using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Streaming;

namespace NeuralNet.MLExtensions.Tests.Streaming;

/// <summary>The engine's streamed path on small data: accuracy, the held-out rows, determinism, cancellation, failures.</summary>
[TestClass]
public sealed class StreamingTrainingTests
{
    private static readonly Lazy<TabularData> Digits = new(() => TabularData.Load("digits_train.csv"));

    // digits_train repeated: 1,347 × times rows of 64 features, 4,096 rows a block.
    private static ArrayBlockSource RepeatedDigits(int times, Func<int, long, bool>? failAt = null, (int, long)? fail = null, Action<int, int>? beforeBlock = null, int drop = 0)
    {
        var d = Digits.Value;
        var x = Enumerable.Repeat(d.Features, times).SelectMany(a => a).ToArray();
        var y = Enumerable.Repeat(d.Labels, times).SelectMany(a => a).ToArray();
        return new ArrayBlockSource(x, d.FeatureCount, y) { FailAt = fail, BeforeBlock = beforeBlock, DropAfterFirstRead = drop };
    }

    [TestMethod]
    public void StreamingTraining_Train_Digits_ReachesTheInMemoryAccuracyFloor()
    {
        var result = StreamedRun.Train(StreamedRun.Source(Digits.Value), Digits.Value.ClassCount, new MlpTrainingSettings { Seed = 1 });
        double accuracy = TabularData.Accuracy(result, TabularData.Load("digits_test.csv"));
        Console.WriteLine($"epochs {result.Epochs}, accuracy {accuracy:F4}");
        Assert.IsGreaterThanOrEqualTo(0.97, accuracy);   // MlpEngineSmokeTests' floor for the in-memory path
    }

    [TestMethod]
    public void StreamingTraining_Train_HeldOutRowsArePoisoned_NeverReachTheStepOrTheStatistics()
    {
        // The held-out rows' features are NaN: trained on, they would make the loss NaN (Divergence); counted in the
        // scaling, the centre would be NaN (FeatureStandardizer refuses it). Only the validation measure sees them.
        var d = Digits.Value;
        var rule = new HoldOut(0.2f, 7);
        var x = (float[])d.Features.Clone();
        var poisoned = new HashSet<long>();
        for (int r = 0; r < d.Rows; r++)
            if (rule.IsHeldOut(r)) { x.AsSpan(r * d.FeatureCount, d.FeatureCount).Fill(float.NaN); poisoned.Add(r); }
        Assert.IsGreaterThan(200, poisoned.Count);
        var trained = new List<long>();
        var settings = new MlpTrainingSettings { Seed = 7, ValidationFraction = 0.2f, MaximumNumberOfEpochs = 3, HiddenLayerSizes = [16] };

        var result = StreamedRun.Train(new ArrayBlockSource(x, d.FeatureCount, d.Labels), d.ClassCount, settings, trained.Add);

        Assert.AreEqual(3, result.History.Count);
        Assert.IsTrue(result.History.All(h => double.IsFinite(h.TrainingLoss)));
        Assert.AreEqual(3 * (d.Rows - poisoned.Count), trained.Count, "every other row, every epoch");
        Assert.IsFalse(trained.Any(poisoned.Contains));
        Assert.IsTrue(result.Standardizer!.Center.ToArray().All(float.IsFinite));
    }

    [TestMethod]
    public void StreamingTraining_Train_OneAndTwoThreads_GiveTheSameModel()
    {
        MlpTrainingResult Run(int threads) => StreamedRun.Train(RepeatedDigits(4), 10,
            new MlpTrainingSettings { Seed = 3, ValidationFraction = 0.1f, MaximumNumberOfEpochs = 2, BatchSize = 64, NumberOfThreads = threads, MinimumParallelStepMultiplyAdds = 0, FeatureScaling = FeatureScaling.Robust });
        var one = Run(1);
        var two = Run(2);
        var again = Run(1);
        CollectionAssert.AreEqual(one.Network.ParameterArray, two.Network.ParameterArray);
        CollectionAssert.AreEqual(one.Network.ParameterArray, again.Network.ParameterArray);
        CollectionAssert.AreEqual(one.Standardizer!.Center.ToArray(), two.Standardizer!.Center.ToArray());
        Assert.AreEqual(one.History[^1].ValidationLoss, two.History[^1].ValidationLoss);
    }

    [TestMethod]
    public void StreamingTraining_Train_CancelledMidEpoch_StopsWithinOneBlock()
    {
        // 6,735 rows: two blocks of 4,096 rows. The reader cancels as it starts epoch 2's second block; the read-ahead
        // may have filled it, but training takes at most one block after the request.
        using var cancellation = new CancellationTokenSource();
        long trained = 0, atCancel = -1;
        var source = RepeatedDigits(5, beforeBlock: (read, block) =>
        {
            if (read != 3 || block != 1) return;
            atCancel = Interlocked.Read(ref trained);
            cancellation.Cancel();
        });
        var settings = new MlpTrainingSettings { Seed = 1, MaximumNumberOfEpochs = 5, HiddenLayerSizes = [8], CancellationToken = cancellation.Token };

        Assert.ThrowsExactly<OperationCanceledException>(() => StreamedRun.Train(source, 10, settings, _ => Interlocked.Increment(ref trained)));
        Assert.AreEqual(3, source.Reads, "the first pass, epoch 1, and epoch 2 where it stopped");
        Assert.IsGreaterThanOrEqualTo(0, atCancel);
        Assert.IsLessThanOrEqualTo(StreamingDefaults.BlockRows(64), trained - atCancel);
        Assert.AreEqual(0, source.OpenReaders, "the stopped epoch's reader is disposed");
    }

    [TestMethod]
    public void StreamingTraining_Train_CancelledInTheFirstPass_Stops()
    {
        using var cancellation = new CancellationTokenSource();
        var source = RepeatedDigits(5, beforeBlock: (read, block) => { if (block == 1) cancellation.Cancel(); });
        Assert.ThrowsExactly<OperationCanceledException>(() => SummaryPass.Run(source, new MlpTrainingSettings { CancellationToken = cancellation.Token }, 10));
        Assert.AreEqual(1, source.Reads);
        Assert.AreEqual(0, source.OpenReaders);
    }

    [TestMethod]
    public void StreamingTraining_Train_SourceFailsMidEpoch_NamesTheDataTheRowAndTheEpoch()
    {
        var source = RepeatedDigits(5, fail: (3, 5000));   // read 3 = epoch 2
        var settings = new MlpTrainingSettings { Seed = 1, MaximumNumberOfEpochs = 4, HiddenLayerSizes = [8] };

        var error = Assert.ThrowsExactly<InvalidOperationException>(() => StreamedRun.Train(source, 10, settings));

        StringAssert.Contains(error.Message, "Reading the test rows failed after row 5000 (in block 1 of 4096 rows) during epoch 2: disk error at byte 1280000.");
        StringAssert.Contains(error.Message, "No model was trained");
        Assert.IsInstanceOfType<IOException>(error.InnerException);
        Assert.AreEqual(0, source.OpenReaders, "the failed read's reader is disposed");
    }

    [TestMethod]
    public void StreamingTraining_Train_SourceGivesOtherRowsLater_IsRefused()
    {
        var source = RepeatedDigits(1, drop: 10);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => StreamedRun.Train(source, 10, new MlpTrainingSettings { MaximumNumberOfEpochs = 2 }));
        StringAssert.Contains(error.Message, "gave 1337 rows to train on in epoch 1, but 1347 in the first pass");
    }

    [TestMethod]
    public void StreamingTraining_Train_LaterReadSkipsAnotherRow_IsRefused()
    {
        // The first read skips row 5 (invalid then), later reads row 7 instead: the same count, other rows.
        var d = Digits.Value;
        var source = new ArrayBlockSource(d.Features, d.FeatureCount, d.Labels) { Skip = (read, row) => row == (read == 1 ? 5 : 7) };
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => StreamedRun.Train(source, 10, new MlpTrainingSettings { MaximumNumberOfEpochs = 2, HiddenLayerSizes = [8] }));
        StringAssert.Contains(error.Message, "Reading the test rows in epoch 1 gave other rows than the first pass");
        StringAssert.Contains(error.Message, "same rows, in the same order");
    }

    [TestMethod]
    public void StreamingTraining_Train_LaterReadChangesAValue_IsRefused()
    {
        var d = Digits.Value;
        var source = new ArrayBlockSource(d.Features, d.FeatureCount, d.Labels) { EditRow = (read, row, x) => { if (read == 3 && row == 1000) x[^1] += 1f; } };
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => StreamedRun.Train(source, 10, new MlpTrainingSettings { MaximumNumberOfEpochs = 3, HiddenLayerSizes = [8] }));
        StringAssert.Contains(error.Message, "in epoch 2 gave other rows than the first pass");
    }

    [TestMethod]
    public void StreamingTraining_Train_WholeDataInThePool_TrainsEveryRowOncePerEpoch()
    {
        var trained = new List<long>();
        StreamedRun.Train(StreamedRun.Source(Digits.Value), 10, new MlpTrainingSettings { MaximumNumberOfEpochs = 2, HiddenLayerSizes = [8] }, trained.Add);
        Assert.AreEqual(2 * 1347, trained.Count);
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 1347).Select(i => (long)i).ToArray(), trained.Take(1347).ToArray());
    }
}
