using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// Batched scoring on several threads: a batch of at least 256 rows is cut by rows, a smaller one splits each layer's
/// product; either way every output (probabilities, logits, regression outputs in the target's units, hidden
/// activations, single networks and ensembles, rows in one array or held apart) is bit for bit that of one thread.
/// </summary>
[TestClass]
public sealed class MlpInferenceThreadsTests
{
    private static readonly Lazy<TabularData> Digits = new(() => TabularData.Load("digits_train.csv"));

    // The counts straddle the split (256 rows) and leave ragged ends: 2,177 rows on 2 threads are 17 parts, the last
    // with the batch's odd row.
    private static readonly int[] RowCounts = [255, 256, 257, 700, 2177];
    private static readonly int[] ThreadCounts = [2, 3];

    // The digits' training rows repeated to 2,177.
    private static readonly Lazy<float[]> Features = new(() =>
    {
        var d = Digits.Value;
        return Enumerable.Range(0, RowCounts[^1]).SelectMany(r => d.Features.AsSpan(r % d.Rows * d.FeatureCount, d.FeatureCount).ToArray()).ToArray();
    });

    private static MlpTrainingResult Train(int members) =>
        MlpEngine.Train(Digits.Value.Features, Digits.Value.FeatureCount, Digits.Value.Labels, default, Digits.Value.ClassCount, new MlpTrainingSettings
        {
            HiddenLayerSizes = [32, 16], MaximumNumberOfEpochs = 2, Seed = 3, NumberOfThreads = 1, FeatureScaling = FeatureScaling.Standard,
            EnsembleSize = members, EarlyStoppingMetric = EarlyStoppingMetric.None,
        });

    private static ReadOnlySpan<float> Row(int r)
    {
        int d = Digits.Value.FeatureCount;
        return Features.Value.AsSpan(r * d, d);
    }

    // What one output gives on one thread and on `threads`, rows in one array and held apart, for every row count.
    private static void AssertSameOnThreads(MlpTrainingResult result, int width, string what,
        Action<MlpInference, ReadOnlySpan<float>, int, Span<float>> contiguous, Action<MlpInference, FeatureRows, int, Span<float>> apart)
    {
        var one = new MlpInference(result.Network, result.Standardizer, result.TargetStandardizer);
        foreach (int threads in ThreadCounts)
        {
            var several = new MlpInference(result.Network, result.Standardizer, result.TargetStandardizer, threads);
            foreach (int n in RowCounts)
            {
                Assert.AreEqual(n >= 256, several.SplitsByRows(n), $"{n} rows on {threads} threads cut by rows");
                var (expected, actual, actualApart) = (new float[n * width], new float[n * width], new float[n * width]);
                contiguous(one, Features.Value, n, expected);
                contiguous(several, Features.Value, n, actual);
                apart(several, Row, n, actualApart);
                CollectionAssert.AreEqual(expected, actual, $"{what}: {n} rows, {threads} threads");
                CollectionAssert.AreEqual(expected, actualApart, $"{what}: {n} rows held apart, {threads} threads");
            }
        }
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(3)]
    public void EveryOutput_SeveralThreads_SameAsOneThread(int members)
    {
        var result = Train(members);
        int k = Digits.Value.ClassCount;
        AssertSameOnThreads(result, k, "probabilities", (m, x, n, y) => m.Probabilities(x, n, y), (m, x, n, y) => m.Probabilities(x, n, y));
        AssertSameOnThreads(result, k, "logits", (m, x, n, y) => m.Outputs(x, n, y), (m, x, n, y) => m.Outputs(x, n, y));
        foreach (int layer in new[] { 0, 1 })
            AssertSameOnThreads(result, result.Network.Architecture.HiddenLayerSizes[layer], $"hidden layer {layer}",
                (m, x, n, y) => m.HiddenActivations(x, n, layer, y), (m, x, n, y) => m.HiddenActivations(x, n, layer, y));
        var probabilities = new float[700 * k];
        new MlpInference(result.Network, result.Standardizer, numberOfThreads: 2).Probabilities(Features.Value, 700, probabilities);
        Assert.IsTrue(Enumerable.Range(0, 700).All(r => Math.Abs(probabilities.AsSpan(r * k, k).ToArray().Sum() - 1) < 1e-4), "each row's probabilities sum to 1");
    }

    [TestMethod]
    public void Outputs_RegressionOnSeveralThreads_SameAsOneThreadInTheTargetsUnits()
    {
        var d = Digits.Value;
        var targets = Enumerable.Range(0, d.Rows).Select(r => 1000f + 50f * d.Labels[r]).ToArray();
        var result = MlpEngine.TrainRegression(d.Features, d.FeatureCount, targets, default, new MlpTrainingSettings
        {
            Task = MlpTask.Regression, HiddenLayerSizes = [16], MaximumNumberOfEpochs = 2, Seed = 2, NumberOfThreads = 1,
            EarlyStoppingMetric = EarlyStoppingMetric.None,
        });
        AssertSameOnThreads(result, 1, "regression outputs", (m, x, n, y) => m.Outputs(x, n, y), (m, x, n, y) => m.Outputs(x, n, y));
        var outputs = new float[700];
        new MlpInference(result.Network, result.Standardizer, result.TargetStandardizer, numberOfThreads: 2).Outputs(Features.Value, 700, outputs);
        Assert.IsGreaterThan(500f, outputs.Average(), "in the targets' units, not standardised");
    }

    [TestMethod]
    public void Probabilities_OutputTooSmallOnSeveralThreads_IsRefusedBeforeAnyRowIsScored()
    {
        var result = Train(members: 1);
        int k = Digits.Value.ClassCount;
        var output = new float[700 * k - 1];
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            new MlpInference(result.Network, result.Standardizer, numberOfThreads: 2).Probabilities(Features.Value, 700, output));
        StringAssert.Contains(e.Message, $"room for [700×{k}] outputs");
        Assert.IsTrue(output.All(v => v == 0), "nothing written");
    }
}
