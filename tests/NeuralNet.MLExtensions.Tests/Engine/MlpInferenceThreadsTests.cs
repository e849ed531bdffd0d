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

    // 1,347 rows; the counts straddle the split (256 rows on two threads) and leave ragged last parts.
    private static readonly int[] RowCounts = [255, 256, 257, 700, 1347];

    private static MlpTrainingResult Train(int members) =>
        MlpEngine.Train(Digits.Value.Features, Digits.Value.FeatureCount, Digits.Value.Labels, default, Digits.Value.ClassCount, new MlpTrainingSettings
        {
            HiddenLayerSizes = [32, 16], MaximumNumberOfEpochs = 2, Seed = 3, NumberOfThreads = 1, FeatureScaling = FeatureScaling.Standard,
            EnsembleSize = members, EarlyStoppingMetric = EarlyStoppingMetric.None,
        });

    [TestMethod]
    [DataRow(1)]
    [DataRow(3)]
    public void Probabilities_SeveralThreads_SameAsOneThread(int members)
    {
        var result = Train(members);
        var d = Digits.Value;
        int k = d.ClassCount;
        var one = new MlpInference(result.Network, result.Standardizer);
        foreach (int threads in new[] { 2, 3 })
        {
            var several = new MlpInference(result.Network, result.Standardizer, numberOfThreads: threads);
            foreach (int n in RowCounts)
            {
                Assert.AreEqual(n >= 256, several.SplitsByRows(n), $"{n} rows on {threads} threads cut by rows");
                var expected = new float[n * k];
                var actual = new float[n * k];
                var apart = new float[n * k];
                one.Probabilities(d.Features, n, expected);
                several.Probabilities(d.Features, n, actual);
                several.Probabilities(r => d.Features.AsSpan(r * d.FeatureCount, d.FeatureCount).ToArray(), n, apart);
                CollectionAssert.AreEqual(expected, actual, $"{n} rows, {threads} threads");
                CollectionAssert.AreEqual(expected, apart, $"{n} rows held apart, {threads} threads");
                Assert.AreEqual(n, Enumerable.Range(0, n).Count(r => Math.Abs(expected.AsSpan(r * k, k).ToArray().Sum() - 1) < 1e-4), "each row's probabilities sum to 1");
            }
        }
    }

    [TestMethod]
    public void HiddenActivationsAndLogits_SeveralThreads_SameAsOneThread()
    {
        var result = Train(members: 1);
        var d = Digits.Value;
        var one = new MlpInference(result.Network, result.Standardizer);
        var two = new MlpInference(result.Network, result.Standardizer, numberOfThreads: 2);
        foreach (int n in RowCounts)
        {
            foreach (int layer in new[] { 0, 1 })
            {
                int width = result.Network.Architecture.HiddenLayerSizes[layer];
                var (expected, actual) = (new float[n * width], new float[n * width]);
                one.HiddenActivations(d.Features, n, layer, expected);
                two.HiddenActivations(d.Features, n, layer, actual);
                CollectionAssert.AreEqual(expected, actual, $"{n} rows, hidden layer {layer}");
            }
            var (logits, logitsTwo) = (new float[n * d.ClassCount], new float[n * d.ClassCount]);
            one.Outputs(d.Features, n, logits);
            two.Outputs(d.Features, n, logitsTwo);
            CollectionAssert.AreEqual(logits, logitsTwo, $"{n} rows, logits");
        }
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
        var expected = new float[d.Rows];
        var actual = new float[d.Rows];
        new MlpInference(result.Network, result.Standardizer, result.TargetStandardizer).Outputs(d.Features, d.Rows, expected);
        new MlpInference(result.Network, result.Standardizer, result.TargetStandardizer, numberOfThreads: 2).Outputs(d.Features, d.Rows, actual);
        CollectionAssert.AreEqual(expected, actual);
        Assert.IsGreaterThan(500f, expected.Average(), "in the targets' units, not standardised");
    }

    [TestMethod]
    public void Probabilities_OutputTooSmallOnSeveralThreads_IsRefusedBeforeAnyRowIsScored()
    {
        var result = Train(members: 1);
        var d = Digits.Value;
        var output = new float[700 * d.ClassCount - 1];
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            new MlpInference(result.Network, result.Standardizer, numberOfThreads: 2).Probabilities(d.Features, 700, output));
        StringAssert.Contains(e.Message, $"room for [700×{d.ClassCount}] outputs");
        Assert.IsTrue(output.All(v => v == 0), "nothing written");
    }
}
