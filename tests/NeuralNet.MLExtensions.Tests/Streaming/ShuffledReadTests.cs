using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Streaming;

namespace NeuralNet.MLExtensions.Tests.Streaming;

/// <summary>
/// Streamed epochs read through a source that shuffles its reads (a random order per pass, rows known by their index):
/// the held-out rows stay held out whatever the order, the model is the same on every run and thread count, and the
/// order really reaches the training.
/// </summary>
[TestClass]
public sealed class ShuffledReadTests
{
    private static readonly Lazy<TabularData> Digits = new(() => TabularData.Load("digits_train.csv"));

    private static ArrayBlockSource Shuffled(float[]? features = null) =>
        new(features ?? Digits.Value.Features, Digits.Value.FeatureCount, Digits.Value.Labels) { ShuffleReads = true };

    [TestMethod]
    public void ShuffledReads_EveryEpochReadsAnotherOrder_AndTrainsEveryRowButTheHeldOutOnce()
    {
        var d = Digits.Value;
        var source = Shuffled();
        var trained = new List<long>();
        var settings = new MlpTrainingSettings { Seed = 7, ValidationFraction = 0.2f, MaximumNumberOfEpochs = 3, HiddenLayerSizes = [16] };
        StreamedRun.Train(source, d.ClassCount, settings, trained.Add);

        Assert.HasCount(4, source.PassOrders, "the first pass and three epochs");
        CollectionAssert.AreEqual(Enumerable.Range(0, d.Rows).ToArray(), source.PassOrders[0].Order, "the first pass reads in order");
        Assert.IsFalse(source.PassOrders[1].Order.SequenceEqual(source.PassOrders[2].Order), "epochs read in other orders");
        var rule = new HoldOut(0.2f, 7);
        var expected = Enumerable.Range(0, d.Rows).Where(r => !rule.IsHeldOut(r)).Select(r => (long)r).ToHashSet();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var rows = trained.Skip(epoch * expected.Count).Take(expected.Count).ToList();
            Assert.IsTrue(expected.SetEquals(rows), $"epoch {epoch + 1} trains each row that is not held out, once");
        }
        Assert.HasCount(3 * expected.Count, trained);
    }

    [TestMethod]
    public void ShuffledReads_HeldOutRowsArePoisoned_NeverReachTheStep()
    {
        var d = Digits.Value;
        var rule = new HoldOut(0.2f, 7);
        var x = (float[])d.Features.Clone();
        for (int r = 0; r < d.Rows; r++)
            if (rule.IsHeldOut(r)) x.AsSpan(r * d.FeatureCount, d.FeatureCount).Fill(float.NaN);
        var settings = new MlpTrainingSettings { Seed = 7, ValidationFraction = 0.2f, MaximumNumberOfEpochs = 3, HiddenLayerSizes = [16] };

        var result = StreamedRun.Train(Shuffled(x), d.ClassCount, settings);

        Assert.IsTrue(result.History.All(h => double.IsFinite(h.TrainingLoss)), "no NaN row was trained on");
    }

    [TestMethod]
    public void ShuffledReads_MoreDrawnThanValidationKeeps_HoldOutDoesNotDependOnTheOrder()
    {
        // 10,000 rows of 2,048 features, nine in ten drawn: validation keeps the first 8,192 drawn in the first pass's
        // order; shuffled epochs must hold out exactly those, not the first 8,192 drawn in their own order.
        const int d = 2048, rows = 10_000;
        var generated = new GeneratedBlockSource(rows, d, 2);
        var features = new float[rows * d];
        var labels = new int[rows];
        using (var reader = generated.Open())
        {
            var block = new RowBlock(rows, d, hasWeights: false, hasTargets: false);
            reader.Read(block);
            block.Features.AsSpan(0, rows * d).CopyTo(features);
            block.Labels.AsSpan(0, rows).CopyTo(labels);
        }
        var source = new ArrayBlockSource(features, d, labels) { ShuffleReads = true };
        var settings = new MlpTrainingSettings { ValidationFraction = 0.9f, Seed = 1, MaximumNumberOfEpochs = 2, HiddenLayerSizes = [2] };
        var trained = new List<long>();
        StreamedRun.Train(source, 2, settings, trained.Add);

        var rule = new HoldOut(0.9f, 1);
        int lastHeld = Enumerable.Range(0, rows).Where(r => rule.IsHeldOut(r)).ElementAt(8191);
        var expected = Enumerable.Range(0, rows).Where(r => r > lastHeld || !rule.IsHeldOut(r)).Select(r => (long)r).ToHashSet();
        Assert.AreEqual(rows - 8192, expected.Count);
        Assert.IsTrue(expected.SetEquals(trained.Take(expected.Count)), "epoch 1");
        Assert.IsTrue(expected.SetEquals(trained.Skip(expected.Count)), "epoch 2");
    }

    [TestMethod]
    public void ShuffledReads_SameSeed_SameModel_OnOneAndTwoThreads_AndNotTheInOrderModel()
    {
        MlpTrainingResult Run(int threads, bool shuffle) => StreamedRun.Train(
            new ArrayBlockSource(Digits.Value.Features, Digits.Value.FeatureCount, Digits.Value.Labels) { ShuffleReads = shuffle }, 10,
            new MlpTrainingSettings { Seed = 3, ValidationFraction = 0.1f, MaximumNumberOfEpochs = 2, BatchSize = 64, NumberOfThreads = threads, MinimumParallelStepMultiplyAdds = 0 });
        var one = Run(1, shuffle: true);
        var two = Run(2, shuffle: true);
        var ordered = Run(1, shuffle: false);
        CollectionAssert.AreEqual(one.Network.ParameterArray, two.Network.ParameterArray);
        CollectionAssert.AreNotEqual(one.Network.ParameterArray, ordered.Network.ParameterArray, "the read order reaches the training");
    }
}
