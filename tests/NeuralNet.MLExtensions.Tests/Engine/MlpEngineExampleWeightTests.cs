using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineExampleWeightTests
{
    private const int PerClass = 200;

    // One feature; class 0 around −0.5 and class 1 around +0.5, unit noise: the classes overlap heavily, so where
    // the boundary goes depends on how much each class counts.
    private static (float[] X, int[] Y) Overlapping(int perClass, int seed, params int[] classes)
    {
        var random = new Random(seed);
        var x = new List<float>();
        var y = new List<int>();
        foreach (int c in classes)
            for (int i = 0; i < perClass; i++)
            {
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                double noise = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                x.Add((float)((c == 0 ? -0.5 : 0.5) + noise));
                y.Add(c);
            }
        return (x.ToArray(), y.ToArray());
    }

    // Full-batch Adam on logistic regression without standardisation: the only thing that differs between runs is
    // the data and its weights (Adam's step does not depend on the gradient's overall scale).
    private static MlpNetwork Train(float[] x, int[] y, float[]? weights) =>
        MlpEngine.Train(x, 1, y, weights, 2, new MlpTrainingSettings
        {
            HiddenLayerSizes = [],
            LearningRate = 0.05f,
            BatchSize = y.Length,
            MaximumNumberOfEpochs = 150,
            ConvergencePatience = 1000,
            FeatureScaling = FeatureScaling.None,
            L2Regularization = 0f,
            NumberOfThreads = 1,
        }).Network;

    private static double ShareOfClassOne(MlpNetwork network, float[] x)
    {
        var p = new float[2];
        int ones = 0;
        foreach (float v in x)
        {
            network.Predict([v], p);
            if (p[1] > p[0]) ones++;
        }
        return (double)ones / x.Length;
    }

    [TestMethod]
    public void MlpEngine_Train_HeavilyWeightedClass_GetsALargerPredictedShare()
    {
        var (x, y) = Overlapping(PerClass, seed: 51, 0, 1);
        float[] classOneHeavy = y.Select(c => c == 1 ? 5f : 1f).ToArray();

        double plain = ShareOfClassOne(Train(x, y, null), x);
        double weighted = ShareOfClassOne(Train(x, y, classOneHeavy), x);

        Console.WriteLine($"class-1 share: plain {plain:F3}, class 1 weighted 5× {weighted:F3}");
        Assert.IsGreaterThan(plain + 0.15, weighted);
    }

    [TestMethod]
    public void MlpEngine_Train_ExtraRowsWithZeroWeight_DoNotMoveTheModel()
    {
        var (x, y) = Overlapping(PerClass, seed: 52, 0, 1);
        var (extraX, extraY) = Overlapping(PerClass, seed: 53, 1);
        float[] allX = [.. x, .. extraX];
        int[] allY = [.. y, .. extraY];
        float[] ignored = [.. Enumerable.Repeat(1f, y.Length), .. Enumerable.Repeat(0f, extraY.Length)];

        var baseline = Train(x, y, null);
        var withIgnoredRows = Train(allX, allY, ignored);
        var withCountedRows = Train(allX, allY, null);

        float[] b = baseline.Parameters.ToArray(), i = withIgnoredRows.Parameters.ToArray(), c = withCountedRows.Parameters.ToArray();
        Console.WriteLine($"baseline [{string.Join(", ", b)}], zero-weighted extras [{string.Join(", ", i)}], counted extras [{string.Join(", ", c)}]");
        for (int p = 0; p < b.Length; p++) Assert.AreEqual(b[p], i[p], 1e-3, $"parameter {p}");
        // The same extra rows with weight 1 do move it, so the check above is not vacuous.
        Assert.IsGreaterThan(0.1, b.Zip(c, (u, v) => Math.Abs(u - v)).Max());
    }
}
