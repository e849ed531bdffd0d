using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// Rows held apart (one array each, as a cursor's per-row buffers) give the same values, bit for bit, as the same rows
/// in one [rows×in] array, for every output and scaling; a row of the wrong length is refused with its index.
/// </summary>
[TestClass]
public sealed class MlpInferenceRowsTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    private static MlpTrainingResult Train(FeatureScaling scaling, int members = 1) =>
        MlpEngine.Train(Iris.Value.Features, Iris.Value.FeatureCount, Iris.Value.Labels, default, Iris.Value.ClassCount, new MlpTrainingSettings
        {
            HiddenLayerSizes = [8, 6], MaximumNumberOfEpochs = 3, Seed = 2, NumberOfThreads = 1, FeatureScaling = scaling,
            EnsembleSize = members, EarlyStoppingMetric = EarlyStoppingMetric.None,
        });

    // The training rows as separate arrays, in reverse order, so that a row read by the wrong index shows.
    private static (float[] Contiguous, float[][] Apart) Rows()
    {
        var d = Iris.Value;
        var apart = Enumerable.Range(0, d.Rows).Select(r => d.Features.AsSpan((d.Rows - 1 - r) * d.FeatureCount, d.FeatureCount).ToArray()).ToArray();
        return (apart.SelectMany(r => r).ToArray(), apart);
    }

    [TestMethod]
    [DataRow(FeatureScaling.Standard, 1)]
    [DataRow(FeatureScaling.Robust, 1)]
    [DataRow(FeatureScaling.None, 1)]
    [DataRow(FeatureScaling.Standard, 4)]
    public void Probabilities_RowsApart_SameAsOneArray(FeatureScaling scaling, int members)
    {
        var result = Train(scaling, members);
        var (contiguous, apart) = Rows();
        int n = apart.Length, k = Iris.Value.ClassCount;
        var expected = new float[n * k];
        var actual = new float[n * k];
        new MlpInference(result.Network, result.Standardizer).Probabilities(contiguous, n, expected);
        new MlpInference(result.Network, result.Standardizer).Probabilities(r => apart[r], n, actual);
        CollectionAssert.AreEqual(expected, actual);
        CollectionAssert.AreEqual(Rows().Contiguous, contiguous, "the rows are read, not written");
    }

    [TestMethod]
    public void HiddenActivationsAndOutputs_RowsApart_SameAsOneArray()
    {
        var result = Train(FeatureScaling.Standard);
        var (contiguous, apart) = Rows();
        int n = apart.Length;
        var inference = new MlpInference(result.Network, result.Standardizer);
        foreach (int layer in new[] { 0, 1 })
        {
            int width = result.Network.Architecture.HiddenLayerSizes[layer];
            var expected = new float[n * width];
            var actual = new float[n * width];
            inference.HiddenActivations(contiguous, n, layer, expected);
            inference.HiddenActivations(r => apart[r], n, layer, actual);
            CollectionAssert.AreEqual(expected, actual, $"hidden layer {layer}");
        }
        var logits = new float[n * Iris.Value.ClassCount];
        var logitsApart = new float[logits.Length];
        inference.Outputs(contiguous, n, logits);
        inference.Outputs(r => apart[r], n, logitsApart);
        CollectionAssert.AreEqual(logits, logitsApart, "logits");
    }

    [TestMethod]
    public void Outputs_RegressionRowsApart_SameAsOneArrayInTheTargetsUnits()
    {
        var d = Iris.Value;
        var targets = Enumerable.Range(0, d.Rows).Select(r => 100f + 10f * d.Features[r * d.FeatureCount]).ToArray();
        var result = MlpEngine.TrainRegression(d.Features, d.FeatureCount, targets, default, new MlpTrainingSettings
        {
            Task = MlpTask.Regression, HiddenLayerSizes = [8], MaximumNumberOfEpochs = 3, Seed = 2, NumberOfThreads = 1,
            EarlyStoppingMetric = EarlyStoppingMetric.None,
        });
        var (contiguous, apart) = Rows();
        var inference = new MlpInference(result.Network, result.Standardizer, result.TargetStandardizer);
        var expected = new float[apart.Length];
        var actual = new float[apart.Length];
        inference.Outputs(contiguous, apart.Length, expected);
        inference.Outputs(r => apart[r], apart.Length, actual);
        CollectionAssert.AreEqual(expected, actual);
        Assert.IsGreaterThan(50f, expected.Average(), "in the targets' units, not standardised");
    }

    [TestMethod]
    public void RowsApart_BadArguments_AreRefusedAsForOneArray()
    {
        var result = Train(FeatureScaling.Standard);
        var (_, apart) = Rows();
        var inference = new MlpInference(result.Network, result.Standardizer);
        var output = new float[apart.Length * 8];
        Assert.ThrowsExactly<ArgumentNullException>(() => inference.Probabilities((FeatureRows)null!, 2, output));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => inference.Probabilities(r => apart[r], -1, output)).Message,
            "must not be negative; got -1");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => inference.HiddenActivations(r => apart[r], 2, 2, output)).Message,
            "The network has hidden layers 0..1; got 2.");
        var regression = MlpEngine.TrainRegression(Iris.Value.Features, Iris.Value.FeatureCount, new float[Iris.Value.Rows], default,
            new MlpTrainingSettings { Task = MlpTask.Regression, HiddenLayerSizes = [4], MaximumNumberOfEpochs = 1, Seed = 1, NumberOfThreads = 1 });
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() =>
            new MlpInference(regression.Network, regression.Standardizer).Outputs(r => apart[r], 2, output)).Message, "target standardisation");
    }

    [TestMethod]
    public void Probabilities_RowOfTheWrongLength_IsRefusedWithItsIndex()
    {
        var result = Train(FeatureScaling.Standard);
        var (_, apart) = Rows();
        apart[7] = new float[3];
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            new MlpInference(result.Network, result.Standardizer).Probabilities(r => apart[r], apart.Length, new float[apart.Length * 3]));
        StringAssert.Contains(e.Message, "Row 7 has 3 feature values; the network takes 4.");
    }
}
