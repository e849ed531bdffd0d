using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Scaling;
using NeuralNet.MLExtensions.Engine.Streaming;

namespace NeuralNet.MLExtensions.Tests.Streaming;

/// <summary>The first pass's statistics against the in-memory ones: moments, the quantile sketch, the scalings.</summary>
[TestClass]
public sealed class StreamingStatisticsTests
{
    private static float[] Uniform(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();
    }

    private static (double, double, double) Exact(float[] values) => ExactQuantiles.Quartiles(values.Select(v => (double)v).ToArray());

    [TestMethod]
    public void QuantileSketch_Quartiles_BeforeTheFirstCompaction_AreExact()
    {
        var values = Uniform(1001, 1);
        var sketch = new QuantileSketch(2048);
        foreach (float v in values) sketch.Add(v);
        Assert.AreEqual(Exact(values), sketch.Quartiles());
    }

    [TestMethod]
    public void QuantileSketch_Quartiles_OfAMillionValues_AreWithinOnePercentOfTheRanks()
    {
        var values = Uniform(1_000_000, 2);
        var sketch = new QuantileSketch(512);
        foreach (float v in values) sketch.Add(v);
        var (lower, median, upper) = Exact(values);
        var got = sketch.Quartiles();
        Console.WriteLine($"exact {lower:F4} {median:F4} {upper:F4}, sketch {got.Lower:F4} {got.Median:F4} {got.Upper:F4}");
        // Uniform values: a value's rank error is its error.
        Assert.AreEqual(lower, got.Lower, 0.01);
        Assert.AreEqual(median, got.Median, 0.01);
        Assert.AreEqual(upper, got.Upper, 0.01);
        Assert.AreEqual(1_000_000, sketch.Count);
    }

    [TestMethod]
    public void QuantileSketch_Merge_IsAsIfOneSketchSawBothStreams()
    {
        var values = Uniform(300_000, 3);
        var first = new QuantileSketch(512);
        var second = new QuantileSketch(512);
        for (int i = 0; i < values.Length; i++) (i < 100_000 ? first : second).Add(values[i]);
        first.Merge(second);
        var (lower, median, upper) = Exact(values);
        var got = first.Quartiles();
        Assert.AreEqual(lower, got.Lower, 0.01);
        Assert.AreEqual(median, got.Median, 0.01);
        Assert.AreEqual(upper, got.Upper, 0.01);
        Assert.AreEqual(values.Min(), first.Min);
        Assert.AreEqual(values.Max(), first.Max);

        var small = new QuantileSketch(4096);
        var other = new QuantileSketch(4096);
        for (int i = 0; i < 1000; i++) (i % 3 == 0 ? small : other).Add(values[i]);
        small.Merge(other);
        Assert.AreEqual(Exact(values[..1000]), small.Quartiles());
    }

    [TestMethod]
    public void RunningMoments_MergedHalves_MatchTwoPassMoments()
    {
        var values = Uniform(10_000, 4).Select(v => 1000 + 3 * v).ToArray();
        var a = new RunningMoments(1);
        var b = new RunningMoments(1);
        for (int i = 0; i < values.Length; i++) (i < 3000 ? a : b).Add([values[i]]);
        a.Merge(b);
        double mean = values.Average(v => (double)v);
        double sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        Assert.AreEqual(mean, a.Mean(0), 1e-9 * mean);
        Assert.AreEqual(sd, a.StandardDeviation(0), 1e-9 * sd);
    }

    [TestMethod]
    [DataRow(FeatureScaling.Standard)]
    [DataRow(FeatureScaling.Robust)]
    public void SummaryPass_Run_NoHeldOutRows_ScalesAsTheInMemoryFit(FeatureScaling kind)
    {
        var data = TabularData.Load("wine_train.csv");
        var summary = SummaryPass.Run(StreamedRun.Source(data), new MlpTrainingSettings { FeatureScaling = kind }, data.ClassCount);
        var streamed = summary.TrainedOn(holdsOut: false).Standardizer(kind)!;
        var memory = FeatureStandardizer.Fit(kind, data.Features, data.Rows, data.FeatureCount)!;
        Assert.AreEqual(memory.Kind, streamed.Kind);
        for (int f = 0; f < data.FeatureCount; f++)
        {
            Assert.AreEqual(memory.Center[f], streamed.Center[f], 1e-5 * Math.Max(1, Math.Abs(memory.Center[f])));
            Assert.AreEqual(memory.Scale[f], streamed.Scale[f], 1e-5 * memory.Scale[f]);
        }
        Assert.AreEqual(data.Rows, summary.Rows);
        CollectionAssert.AreEqual(Enumerable.Range(0, data.ClassCount).Select(c => (long)data.Labels.Count(y => y == c)).ToArray(), summary.ClassRows);
    }

    [TestMethod]
    public void SummaryPass_Run_HeldOutRows_AreKeptApartAndCollectedForValidation()
    {
        var data = TabularData.Load("wine_train.csv");
        var rule = new HoldOut(0.25f, 5);
        var summary = SummaryPass.Run(StreamedRun.Source(data), new MlpTrainingSettings { ValidationFraction = 0.25f, Seed = 5 }, data.ClassCount);
        int held = Enumerable.Range(0, data.Rows).Count(r => rule.IsHeldOut(r));
        Assert.AreEqual(held, summary.Held.Rows);
        Assert.AreEqual(data.Rows - held, summary.Train.Rows);
        Assert.AreEqual(held, summary.Validation!.Rows);
        int firstHeld = Enumerable.Range(0, data.Rows).First(r => rule.IsHeldOut(r));
        CollectionAssert.AreEqual(data.Features.AsSpan(firstHeld * data.FeatureCount, data.FeatureCount).ToArray(), summary.Validation.Features[..data.FeatureCount]);
    }

    [TestMethod]
    public void SummaryPass_Run_WideData_KeepsTheValidationCopyWithinItsByteBudget()
    {
        // 10,000 rows of 2,048 features, nine in ten held out: all 9,000 held-out rows would be a 74 MB copy, more
        // than the shuffle pool's 64 MiB; the copy keeps the first held-out rows that fit 64 MiB (8,192 rows).
        const int d = 2048;
        var summary = SummaryPass.Run(new GeneratedBlockSource(10_000, d, 2), new MlpTrainingSettings { ValidationFraction = 0.9f, Seed = 1 }, 2);
        Assert.IsGreaterThan(8_500, Enumerable.Range(0, 10_000).Count(r => new HoldOut(0.9f, 1).IsHeldOut(r)), "rows the hash draws");
        Assert.AreEqual((64 << 20) / (4 * d), summary.Validation!.Rows);
    }

    [TestMethod]
    public void StreamingTraining_Train_MoreHeldOutRowsThanValidationKeeps_TrainsOnThoseItDoesNotKeep()
    {
        // 10,000 rows of 2,048 features, nine in ten drawn for holding out: validation keeps the first 8,192 (64 MiB);
        // the other drawn rows are trained on rather than held out of both.
        const int d = 2048, rows = 10_000;
        var source = new GeneratedBlockSource(rows, d, 2);
        var settings = new MlpTrainingSettings { ValidationFraction = 0.9f, Seed = 1, MaximumNumberOfEpochs = 1, HiddenLayerSizes = [2] };
        var summary = SummaryPass.Run(source, settings, 2);
        Assert.AreEqual(8192L, summary.Held.Rows);
        Assert.AreEqual(8192, summary.Validation!.Rows);
        Assert.AreEqual(rows - 8192L, summary.Train.Rows);

        var trained = new List<long>();
        StreamingTraining.Train(source, summary, 2, settings, rowTrained: trained.Add);
        Assert.AreEqual(rows - 8192, trained.Count);
        var rule = new HoldOut(0.9f, 1);
        int lastHeld = Enumerable.Range(0, rows).Where(r => rule.IsHeldOut(r)).ElementAt(8191);
        Assert.IsTrue(trained.All(r => r > lastHeld || !rule.IsHeldOut(r)), "a row is held out iff drawn and among the first 8,192 drawn");
    }
}
