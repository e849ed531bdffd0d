using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineDeterminismTests
{
    private static readonly Lazy<TabularData> Digits = new(() => TabularData.Load("digits_train.csv"));

    // 64 features → 64 hidden units, 64-row batches: every GEMM (forward, dW, dx) is large enough to be split over
    // threads, and there is a partial last batch (1347 rows).
    private static MlpTrainingResult Train(int seed, int threads)
    {
        var data = Digits.Value;
        return MlpEngine.Train(data.Features, data.FeatureCount, data.Labels, default, data.ClassCount, new MlpTrainingSettings
        {
            HiddenLayerSizes = [64],
            BatchSize = 64,
            MaximumNumberOfEpochs = 3,
            Seed = seed,
            NumberOfThreads = threads,
            MinimumParallelStepMultiplyAdds = 0, // small network: share it anyway, or two threads would not be tested
        });
    }

    [TestMethod]
    public void MlpEngine_Train_SameSettingsAndSeed_GiveBitIdenticalParameters()
    {
        var first = Train(seed: 5, threads: 1);
        var second = Train(seed: 5, threads: 1);
        AssertBitIdentical(first.Network.Parameters, second.Network.Parameters);
        Assert.AreEqual(first.History[^1].TrainingLoss, second.History[^1].TrainingLoss);
    }

    [TestMethod]
    public void MlpEngine_Train_OneAndTwoThreads_GiveBitIdenticalParameters()
    {
        var one = Train(seed: 5, threads: 1);
        var two = Train(seed: 5, threads: 2);
        AssertBitIdentical(one.Network.Parameters, two.Network.Parameters);
    }

    [TestMethod]
    public void MlpEngine_Train_DifferentSeeds_GiveDifferentParameters()
    {
        // The seed must actually reach initialisation and shuffling, or the tests above would prove nothing.
        var a = Train(seed: 5, threads: 1);
        var b = Train(seed: 6, threads: 1);
        Assert.IsFalse(a.Network.Parameters.SequenceEqual(b.Network.Parameters), "Different seeds gave identical networks.");
    }

    private static void AssertBitIdentical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.AreEqual(expected.Length, actual.Length, "parameter count");
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"Parameter {i} differs: {expected[i]:R} vs {actual[i]:R}.");
    }
}
