using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Scaling;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// <see cref="FeatureScaling.Robust"/>: RealMLP's median/IQR scaling with the smooth clip z / √(1 + (z/3)²), checked
/// against values worked by hand, and the cases it exists for: outliers, constant and 0/1 columns.
/// </summary>
[TestClass]
public sealed class RobustScalingTests
{
    private static double Clip(double z) => z / Math.Sqrt(1 + z * z / 9);

    [TestMethod]
    public void FeatureStandardizer_FitRobust_MedianAndIqrAsWorkedByHand()
    {
        // Feature 0: 1, 2, 4, 8, 100. Median 4; h = 4·q: q25 = v1 = 2, q75 = v3 = 8; IQR 6.
        // Feature 1: 10, 20, 30, 40, 50 in another order: median 30, q25 20, q75 40; IQR 20.
        float[] rows = [1, 50, 2, 10, 4, 40, 8, 20, 100, 30];
        var s = FeatureStandardizer.FitRobust(rows, 5, 2);
        Assert.AreEqual(FeatureScaling.Robust, s.Kind);
        CollectionAssert.AreEqual(new[] { 4f, 30f }, s.Center.ToArray());
        CollectionAssert.AreEqual(new[] { 1f / 6f, 1f / 20f }, s.Scale.ToArray());

        s.Apply(rows, 5);
        // Row 4, feature 0: z = (100 − 4)/6 = 16 → 16/√(1 + 256/9) = 2.9486; row 0: z = −0.5 → −0.4932.
        Assert.AreEqual(Clip(16), rows[8], 1e-6);
        Assert.AreEqual(2.94862, rows[8], 1e-5);
        Assert.AreEqual(Clip(-0.5), rows[0], 1e-6);
        Assert.AreEqual(-0.49320, rows[0], 1e-5);
        Assert.AreEqual(0f, rows[4], "the median maps to 0");
        Assert.AreEqual(Clip(1), rows[1], 1e-6, "feature 1, row 0: (50 − 30)/20 = 1");
    }

    [TestMethod]
    public void FeatureStandardizer_FitRobust_EvenCount_InterpolatesLikeNumPy()
    {
        // 1, 2, 3, 4: h = 3q. q25 at 0.75 → 1.75; median at 1.5 → 2.5; q75 at 2.25 → 3.25; IQR 1.5.
        float[] rows = [4, 1, 3, 2];
        var s = FeatureStandardizer.FitRobust(rows, 4, 1);
        Assert.AreEqual(2.5f, s.Center[0]);
        Assert.AreEqual((float)(1 / 1.5), s.Scale[0]);
    }

    [TestMethod]
    public void FeatureStandardizer_FitRobust_HugeOutlier_LeavesOrdinaryRowsAsTheyWere()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ => (float)(random.NextDouble() * 10)).ToArray();
        var spoiled = (float[])rows.Clone();
        spoiled[17] = 1e9f;
        int[] ordinary = [0, 5, 50, 120, 199];

        // Standard: one outlier moves the mean by 5e6 and the deviation to 7e7, so ordinary rows collapse together.
        var standard = FeatureStandardizer.Fit(spoiled, 200, 1);
        var squashed = ordinary.Select(r => (spoiled[r] - standard.Center[0]) * standard.Scale[0]).ToArray();
        Assert.IsLessThan(1e-6, squashed.Max() - squashed.Min(), "Standard: the outlier dominates");

        // Robust: quartiles move by at most one order statistic, so ordinary rows keep their scaled values.
        var clean = FeatureStandardizer.FitRobust(rows, 200, 1);
        var robust = FeatureStandardizer.FitRobust(spoiled, 200, 1);
        foreach (int r in ordinary)
        {
            float a = rows[r], b = spoiled[r];
            float[] x = [a], y = [b];
            clean.Apply(x, x);
            robust.Apply(y, y);
            Assert.AreEqual(x[0], y[0], 0.05, $"row {r}");
        }
        float[] outlier = [1e9f];
        robust.Apply(outlier, outlier);
        Assert.AreEqual(3f, outlier[0], 1e-6f, "the outlier is clipped smoothly to just under 3");
    }

    [TestMethod]
    public void FeatureStandardizer_FitRobust_ConstantColumn_MapsToZeroEverywhere()
    {
        float[] rows = [7, 1, 7, 2, 7, 3];
        var s = FeatureStandardizer.FitRobust(rows, 3, 2);
        Assert.AreEqual(0f, s.Scale[0]);
        float[] unseen = [1e6f, 2f];
        s.Apply(unseen, unseen);
        Assert.AreEqual(0f, unseen[0], "a feature constant in training tells the network nothing, even at scoring");
    }

    [TestMethod]
    public void FeatureStandardizer_FitRobust_OneHotColumns_StayBounded()
    {
        // Column 0: a rare category (1 in 10 rows): IQR 0 → half the range, 0.5; 0 → 0, 1 → clip(2) = 1.664.
        // Column 1: a common category (9 in 10): median 1, IQR 0 → half the range; 1 → 0, 0 → clip(−2) = −1.664.
        // Column 2: half and half: median 0.5, q25 0, q75 1; 0 → clip(−0.5), 1 → clip(0.5).
        var rows = new float[10 * 3];
        for (int r = 0; r < 10; r++)
        {
            rows[r * 3] = r == 4 ? 1 : 0;
            rows[r * 3 + 1] = r == 4 ? 0 : 1;
            rows[r * 3 + 2] = r % 2;
        }
        var s = FeatureStandardizer.FitRobust(rows, 10, 3);
        CollectionAssert.AreEqual(new[] { 0f, 1f, 0.5f }, s.Center.ToArray());
        CollectionAssert.AreEqual(new[] { 2f, 2f, 1f }, s.Scale.ToArray());
        s.Apply(rows, 10);
        Assert.AreEqual(Clip(2), rows[4 * 3], 1e-6);
        Assert.AreEqual(1.6641, rows[4 * 3], 1e-4);
        Assert.AreEqual(0f, rows[0]);
        Assert.AreEqual(Clip(-2), rows[4 * 3 + 1], 1e-6);
        Assert.AreEqual(Clip(-0.5), rows[2], 1e-6);
        Assert.AreEqual(Clip(0.5), rows[5], 1e-6);
        Assert.IsTrue(rows.All(v => Math.Abs(v) < 3));
    }

    [TestMethod]
    public void FeatureStandardizer_FitRobust_NaNFeature_NamesFeatureAndRow()
    {
        float[] rows = [1, 2, 3, float.NaN];
        var e = Assert.ThrowsExactly<ArgumentException>(() => FeatureStandardizer.FitRobust(rows, 2, 2));
        StringAssert.StartsWith(e.Message, "Feature 1 of training row 1 is NaN; robust feature scaling needs finite features");
    }

    [TestMethod]
    public void FeatureStandardizer_Constructor_RobustAllowsZeroScaleStandardDoesNot()
    {
        _ = new FeatureStandardizer([1f], [0f], FeatureScaling.Robust);
        Assert.ThrowsExactly<ArgumentException>(() => new FeatureStandardizer([1f], [0f], FeatureScaling.Standard));
        Assert.ThrowsExactly<ArgumentException>(() => new FeatureStandardizer([1f], [-1f], FeatureScaling.Robust));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new FeatureStandardizer([1f], [1f], FeatureScaling.None));
        Assert.IsNull(FeatureStandardizer.Fit(FeatureScaling.None, [1f, 2f], 2, 1));
    }

    [TestMethod]
    public void ExactQuantiles_Quartiles_EqualSortedInterpolationForAnyLengthAndTies()
    {
        var random = new Random(11);
        for (int n = 1; n <= 300; n += n < 40 ? 1 : 37)
            foreach (int distinct in new[] { 2, 5, 1000 })
            {
                var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(distinct)).ToArray();
                var sorted = values.OrderBy(v => v).ToArray();
                var (lower, median, upper) = ExactQuantiles.Quartiles(values);
                Assert.AreEqual(Reference(sorted, 0.25), lower, 1e-12, $"n {n}, {distinct} values: q25");
                Assert.AreEqual(Reference(sorted, 0.5), median, 1e-12, $"n {n}, {distinct} values: median");
                Assert.AreEqual(Reference(sorted, 0.75), upper, 1e-12, $"n {n}, {distinct} values: q75");
                CollectionAssert.AreEqual(sorted, values.OrderBy(v => v).ToArray(), "selection only reorders");
            }

        static double Reference(double[] sorted, double q)
        {
            double h = (sorted.Length - 1) * q;
            int i = (int)Math.Floor(h);
            return i + 1 < sorted.Length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
        }
    }

    [TestMethod]
    public void ExactQuantiles_Select_SortedAndReversedRuns_StayExact()
    {
        // Inputs that defeat a naive pivot: already sorted, reversed, organ pipe.
        int n = 5001;
        double[][] inputs =
        [
            Enumerable.Range(0, n).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, n).Select(i => (double)(n - i)).ToArray(),
            Enumerable.Range(0, n).Select(i => (double)Math.Min(i, n - i)).ToArray(),
        ];
        foreach (var values in inputs)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            ExactQuantiles.Select(values, 1234);
            Assert.AreEqual(sorted[1234], values[1234]);
            Assert.IsTrue(values[..1234].All(v => v <= values[1234]) && values[1235..].All(v => v >= values[1234]));
        }
    }

    [TestMethod]
    public void SmoothClip_ScaleAndClip_EveryLength_MatchesReference()
    {
        var random = new Random(5);
        for (int n = 0; n <= 70; n++)
        {
            var source = Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 12)))).ToArray();
            if (n > 3) { source[1] = float.PositiveInfinity; source[2] = float.NegativeInfinity; source[3] = float.MaxValue; }
            var center = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
            var scale = Enumerable.Range(0, n).Select(i => i % 7 == 0 ? 0f : (float)random.NextDouble() * 3).ToArray();
            var fast = new float[n];
            var slow = new float[n];
            SmoothClip.ScaleAndClip(source, center, scale, fast);
            SmoothClip.ScaleAndClipReference(source, center, scale, slow);
            for (int i = 0; i < n; i++)
                if (!(i % 7 == 0 && float.IsInfinity(source[i]))) // ∞·0 is NaN in both; checked below
                    Assert.AreEqual(slow[i], fast[i], 2e-6f * Math.Max(1, Math.Abs(slow[i])), $"length {n}, index {i}: source {source[i]}");
            Assert.IsTrue(fast.All(v => float.IsNaN(v) || Math.Abs(v) <= 3f), $"length {n}: bounded by 3");
        }
    }

    [TestMethod]
    public void SmoothClip_ScaleAndClip_NaNStaysNaNOnEveryPath()
    {
        for (int n = 1; n <= 40; n++)
        {
            var source = new float[n];
            Array.Fill(source, float.NaN);
            var result = new float[n];
            SmoothClip.ScaleAndClip(source, new float[n], Enumerable.Repeat(1f, n).ToArray(), result);
            Assert.IsTrue(result.All(float.IsNaN), $"length {n}");
        }
    }
}
