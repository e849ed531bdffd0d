using Microsoft.ML;

namespace NeuralNet.MLExtensions.Tests.Tasks;

/// <summary>
/// The binary trainer's Probability is the model's own sigmoid, trained with the logistic loss, so it is calibrated:
/// on labels drawn with a known probability, the reliability diagram's bins sit near the diagonal.
/// </summary>
[TestClass]
public sealed class MlpBinaryCalibrationTests
{
    // Labels drawn with P(true) = σ(1.5·(x₀ + x₁² − 1)): the probabilities themselves are uncertain, not 0 or 1.
    private static TaskData.Row[] NoisyRows(int count, int seed)
    {
        var random = new Random(seed + 1000);
        var rows = TaskData.Rows(count, seed);
        foreach (var row in rows)
            row.Positive = random.NextDouble() < 1 / (1 + Math.Exp(-1.5 * (row.Raw[0] + row.Raw[1] * row.Raw[1] - 1)));
        return rows;
    }

    [TestMethod]
    public void Binary_Probability_IsCalibratedOnHeldOutRows()
    {
        var ml = new MLContext(seed: 0);
        var trainer = ml.BinaryClassification.Trainers.Mlp(labelColumnName: "Positive", hiddenLayerSizes: [16], maximumNumberOfEpochs: 40, learningRate: 0.005f);
        var model = TaskData.Pipeline(ml, trainer).Fit(TaskData.Load(ml, NoisyRows(3000, 21)));
        var test = NoisyRows(4000, 22);
        var scored = ml.Data.CreateEnumerable<Scored>(model.Transform(TaskData.Load(ml, test)), reuseRowObject: false).ToArray();

        // Reliability diagram: ten bins of predicted probability, each bin's mean prediction against its share of true labels.
        var bins = scored.Zip(test).GroupBy(p => Math.Min(9, (int)(p.First.Probability * 10))).Where(g => g.Count() >= 100).ToArray();
        double expectedCalibrationError = bins.Sum(g => g.Count() * Math.Abs(g.Average(p => p.First.Probability) - g.Average(p => p.Second.Positive ? 1.0 : 0.0))) / test.Length;
        Assert.IsGreaterThanOrEqualTo(5, bins.Length, "the predictions spread over the range");
        Assert.IsLessThan(0.04, expectedCalibrationError, $"expected calibration error {expectedCalibrationError:F3}");
        // Each bin's share of true labels within three binomial standard errors of its mean prediction (a bin of
        // 165 rows at 0.45 varies by ±0.039 from sampling alone).
        foreach (var bin in bins)
        {
            double predicted = bin.Average(p => p.First.Probability), tolerance = 3 * Math.Sqrt(predicted * (1 - predicted) / bin.Count());
            Assert.AreEqual(predicted, bin.Average(p => p.Second.Positive ? 1.0 : 0.0), tolerance, $"bin {bin.Key} ({bin.Count()} rows)");
        }
    }

    private sealed class Scored
    {
        public float Probability { get; set; }
    }
}
