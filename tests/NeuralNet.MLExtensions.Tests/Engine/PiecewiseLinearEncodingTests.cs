using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// Piecewise-linear encodings: the bins' edges and values, the statistics that centre and scale them, and what training
/// with <see cref="NumericEmbeddingKind.PiecewiseLinear"/> and <see cref="NumericEmbeddingKind.Auto"/> builds.
/// </summary>
[TestClass]
public sealed class PiecewiseLinearEncodingTests
{
    [TestMethod]
    public void PiecewiseLinearBins_Fit_EdgesAreTheTrainingQuantiles_OnlyForTheFeaturesGiven()
    {
        // Column 0 takes 0, 1, …, 100; column 1 two values. Four bins: quantiles 0, 25, 50, 75, 100.
        const int rows = 101;
        var features = new float[rows * 2];
        for (int r = 0; r < rows; r++) (features[r * 2], features[r * 2 + 1]) = (r, r % 2);
        var bins = PiecewiseLinearBins.Fit(features, rows, 2, [0], 4)!;
        CollectionAssert.AreEqual(new[] { 0 }, bins.Features.ToArray());
        CollectionAssert.AreEqual(new[] { 0f, 25f, 50f, 75f, 100f }, bins.Edges[0].ToArray());
        Assert.AreEqual(4, bins.ColumnCount);
    }

    [TestMethod]
    public void PiecewiseLinearBins_Fit_OnMoreRowsThanTheLimit_EdgesAndStatisticsStillFitAllRows()
    {
        // 1,000,000 rows whose value is the row number: the spread sample's quantiles are within a few rows of the
        // exact ones, and its statistics centre and scale the encoded columns of all rows to mean ≈ 0, deviation ≈ 1.
        const int rows = 1_000_000;
        var features = new float[rows];
        for (int r = 0; r < rows; r++) features[r] = r;
        var bins = PiecewiseLinearBins.Fit(features, rows, 1, [0], 4)!;
        Assert.IsLessThan(rows, PiecewiseLinearBins.MaxFitRows);
        float[] exact = [0f, 249_999.75f, 499_999.5f, 749_999.25f, 999_999f];
        for (int t = 0; t < 5; t++) Assert.AreEqual(exact[t], bins.Edges[0][t], 8.0, $"edge {t}");
        var encoded = new float[4];
        var sum = new double[4];
        for (int r = 0; r < rows; r++)
        {
            bins.Encode(features.AsSpan(r, 1), encoded);
            for (int c = 0; c < 4; c++) sum[c] += encoded[c];
        }
        for (int c = 0; c < 4; c++) Assert.AreEqual(0, sum[c] / rows, 1e-3, $"column {c} mean over all rows");
    }

    [TestMethod]
    public void PiecewiseLinearBins_Fit_RepeatedQuantilesGiveFewerBins()
    {
        // 91 of the 100 rows are 0: the quantiles at 0 … 7/8 (sorted rows up to 87) are all 0, so the feature keeps edges 0 and 9, one bin.
        const int rows = 100;
        var features = new float[rows];
        for (int r = 90; r < rows; r++) features[r] = r - 90;
        var bins = PiecewiseLinearBins.Fit(features, rows, 1, [0], 8)!;
        CollectionAssert.AreEqual(new[] { 0f, 9f }, bins.Edges[0].ToArray());
    }

    [TestMethod]
    [DataRow(30f, new[] { 1f, 0.2f, 0f, 0f })]       // inside bin 1: the bins below read 1, those above 0
    [DataRow(-10f, new[] { -0.4f, 0f, 0f, 0f })]     // below the training range: the first bin keeps going down
    [DataRow(120f, new[] { 1f, 1f, 1f, 1.8f })]      // above it: the last bin keeps going up
    [DataRow(50f, new[] { 1f, 1f, 0f, 0f })]         // on an edge
    public void PiecewiseLinearBins_Encode_ClipsInnerBinsAndLeavesTheOuterOnesOpen(float x, float[] expected)
    {
        var bins = new PiecewiseLinearBins([1], [[0f, 25f, 50f, 75f, 100f]], new float[4], [1f, 1f, 1f, 1f]);
        var encoded = new float[4];
        bins.Encode([7f, x], encoded);
        for (int c = 0; c < 4; c++) Assert.AreEqual(expected[c], encoded[c], 1e-6, $"bin {c} of x = {x}");
    }

    [TestMethod]
    public void PiecewiseLinearBins_Fit_EncodedTrainingColumnsHaveMeanZeroAndStandardDeviationOne()
    {
        const int rows = 500;
        float[] features = GradientChecker.Uniform(rows * 3, 2, seed: 91);
        for (int r = 0; r < rows; r++) features[r * 3 + 1] = MathF.Exp(3 * features[r * 3 + 1]);   // heavy-tailed
        var bins = PiecewiseLinearBins.Fit(features, rows, 3, [0, 1, 2], 16)!;
        Assert.AreEqual(48, bins.ColumnCount);
        var sum = new double[48];
        var squares = new double[48];
        var encoded = new float[48];
        for (int r = 0; r < rows; r++)
        {
            bins.Encode(features.AsSpan(r * 3, 3), encoded);
            for (int c = 0; c < 48; c++) (sum[c], squares[c]) = (sum[c] + encoded[c], squares[c] + encoded[c] * (double)encoded[c]);
        }
        for (int c = 0; c < 48; c++)
        {
            Assert.AreEqual(0, sum[c] / rows, 1e-4, $"column {c} mean");
            Assert.AreEqual(1, Math.Sqrt(squares[c] / rows), 1e-3, $"column {c} standard deviation");
        }
    }

    [TestMethod]
    [DataRow(new[] { 1, 0 }, "strictly increasing")]
    [DataRow(new[] { -1, 2 }, "non-negative")]
    public void PiecewiseLinearBins_Constructor_BadFeatureOrder_ThrowsSayingWhy(int[] features, string expected)
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new PiecewiseLinearBins(features, [[0f, 1f], [0f, 1f]], [0f, 0f], [1f, 1f]));
        StringAssert.Contains(e.Message, expected);
    }

    [TestMethod]
    public void PiecewiseLinearBins_Constructor_EdgesNotIncreasing_ThrowsNamingTheFeatureAndEdge()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => new PiecewiseLinearBins([3], [[0f, 2f, 2f]], [0f, 0f], [1f, 1f]));
        StringAssert.Contains(e.Message, "The bin edges of feature 3 must be finite and strictly increasing; edge 2 is 2.");
    }

    [TestMethod]
    [DataRow("iris", 0.95)]
    [DataRow("wine", 0.95)]
    [DataRow("digits", 0.97)]
    public void MlpEngine_Train_PiecewiseLinear_ReachesAccuracyFloor(string dataSet, double floor)
    {
        var train = TabularData.Load($"{dataSet}_train.csv");
        var test = TabularData.Load($"{dataSet}_test.csv");
        var result = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear, Seed = 1 });
        double accuracy = TabularData.Accuracy(result, test);
        Console.WriteLine($"{dataSet}: {result.Network.Architecture}, epochs {result.Epochs}, accuracy {accuracy:F4}");
        Assert.IsTrue(result.Network.Architecture.Embedding is { IsPiecewiseLinear: true });
        Assert.IsGreaterThanOrEqualTo(floor, accuracy);
    }

    [TestMethod]
    public void MlpEngine_Train_PiecewiseLinear_EncodesManyValuedColumnsFromTheScaledTrainingRows()
    {
        // Column 0 takes 40 values, 1 is one-hot, 2 takes two values: only column 0 is encoded, in 4 bins whose edges
        // are its quantiles after standardisation (mean 19.5·0.1, standard deviation about 1.15).
        const int rows = 40;
        var features = new float[rows * 3];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            (features[r * 3], features[r * 3 + 1], features[r * 3 + 2]) = (r * 0.1f, r % 2, r % 3 == 0 ? 5f : -2f);
            labels[r] = r < rows / 2 ? 0 : 1;
        }
        var result = MlpEngine.Train(features, 3, labels, default, 2,
            new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear, EmbeddingBins = 4, MaximumNumberOfEpochs = 2, Seed = 1 });
        var bins = result.Network.Architecture.Embedding!.PiecewiseLinear!;
        CollectionAssert.AreEqual(new[] { 0 }, bins.Features.ToArray());
        Assert.HasCount(5, bins.Edges[0]);
        Assert.AreEqual(-1.689f, bins.Edges[0][0], 1e-3);   // (0 − 1.95)/1.1543
        Assert.AreEqual(1.689f, bins.Edges[0][4], 1e-3);
        Assert.AreEqual(3 + 4, result.Network.Architecture.FirstLayerInputSize);
    }

    [TestMethod]
    [DataRow(50, true)]
    [DataRow(51, false)]
    public void MlpEngine_Train_Auto_EncodesUpToTheFeatureLimitAndNotBeyond(int featureCount, bool encodes)
    {
        const int rows = 12;
        float[] features = GradientChecker.Uniform(rows * featureCount, 1, seed: 81);
        int[] labels = [.. Enumerable.Range(0, rows).Select(r => r % 2)];
        var result = MlpEngine.Train(features, featureCount, labels, default, 2,
            new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.Auto, HiddenLayerSizes = [4], MaximumNumberOfEpochs = 1 });
        var a = result.Network.Architecture;
        Assert.AreEqual(encodes, a.Embedding is { IsPiecewiseLinear: true });
        Assert.AreEqual(encodes ? featureCount + a.Embedding!.PiecewiseLinear!.ColumnCount : featureCount, a.FirstLayerInputSize);
        if (encodes) Assert.HasCount(featureCount, a.Embedding!.PiecewiseLinear!.Features);
    }

    [TestMethod]
    public void MlpEngine_Train_Auto_CountsOnlyManyValuedFeatures()
    {
        // 150 columns, of which 140 are 0/1: 10 encoded features are within Auto's limit of 50.
        const int rows = 12, featureCount = 150;
        float[] features = GradientChecker.Uniform(rows * featureCount, 1, seed: 82);
        for (int r = 0; r < rows; r++)
            for (int j = 10; j < featureCount; j++) features[r * featureCount + j] = (r + j) % 2;
        int[] labels = [.. Enumerable.Range(0, rows).Select(r => r % 2)];
        var result = MlpEngine.Train(features, featureCount, labels, default, 2,
            new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.Auto, HiddenLayerSizes = [4], MaximumNumberOfEpochs = 1 });
        Assert.HasCount(10, result.Network.Architecture.Embedding!.PiecewiseLinear!.Features);
    }

    [TestMethod]
    public void MlpEngine_Train_WarmStartWithPiecewiseLinear_MatchesAnUninterruptedRun()
    {
        var train = TabularData.Load("wine_train.csv");
        MlpTrainingSettings Settings(int epochs) => new()
        {
            NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear, HiddenLayerSizes = [8], MaximumNumberOfEpochs = epochs, Seed = 5, NumberOfThreads = 1,
        };
        var whole = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount, Settings(6));
        var first = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount, Settings(3));
        var resumed = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount, Settings(3),
            validation: null, warmStart: MlpWarmStart.From(first));
        Assert.IsTrue(whole.Network.Architecture.Embedding!.SameAs(resumed.Network.Architecture.Embedding));
        CollectionAssert.AreEqual(whole.Network.Parameters.ToArray(), resumed.Network.Parameters.ToArray());
    }

    [TestMethod]
    [DataRow(NumericEmbeddingKind.None, "NumericEmbedding is None, but the model encodes 4 features piecewise-linearly; warm start needs the same input stage. Set NumericEmbedding to PiecewiseLinear or Auto.")]
    [DataRow(NumericEmbeddingKind.Periodic, "NumericEmbedding is Periodic, but the model has no periodic embeddings; warm start needs the same input stage. Set NumericEmbedding to PiecewiseLinear or Auto.")]
    public void MlpEngine_Train_WarmStartFromPiecewiseLinearWithOtherKind_ThrowsNamingTheSettingAndFix(NumericEmbeddingKind kind, string expected)
    {
        var train = TabularData.Load("iris_train.csv");
        var first = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.PiecewiseLinear, MaximumNumberOfEpochs = 1 });
        var ex = Assert.ThrowsExactly<ArgumentException>(() => MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { NumericEmbedding = kind, MaximumNumberOfEpochs = 1 }, null, MlpWarmStart.From(first)));
        StringAssert.StartsWith(ex.Message, expected);
    }

    [TestMethod]
    [DataRow(NumericEmbeddingKind.PiecewiseLinear, 2)]
    [DataRow(NumericEmbeddingKind.None, 6)]
    public void MlpEngine_Train_EncodedEarlyStoppingPatience_AppliesOnlyToEncodedNetworks(NumericEmbeddingKind kind, int patience)
    {
        // Wine with a fifth held out and a high learning rate over-fits fast: the run stops early, its last epoch the
        // patience in force past the best one.
        var train = TabularData.Load("wine_train.csv");
        var result = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount, new MlpTrainingSettings
        {
            NumericEmbedding = kind, ValidationFraction = 0.2f, EarlyStoppingPatience = 6, EncodedEarlyStoppingPatience = 2,
            LearningRate = 0.05f, HiddenLayerSizes = [64], MaximumNumberOfEpochs = 300, ConvergencePatience = 300, Seed = 2,
        });
        Assert.AreEqual(StopReason.EarlyStopping, result.StopReason);
        Assert.AreEqual(patience, result.History[^1].Epoch - result.BestEpoch);
    }

    [TestMethod]
    public void MlpTrainingSettings_Validate_NegativeEncodedEarlyStoppingPatience_ThrowsNamingIt()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(new MlpTrainingSettings { EncodedEarlyStoppingPatience = -1 }.Validate);
        Assert.AreEqual(nameof(MlpTrainingSettings.EncodedEarlyStoppingPatience), ex.ParamName);
        StringAssert.StartsWith(ex.Message, "MlpTrainingSettings.EncodedEarlyStoppingPatience must be 0 or more; got -1.");
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(257)]
    public void MlpTrainingSettings_Validate_BadEmbeddingBins_ThrowsNamingIt(int bins)
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(new MlpTrainingSettings { EmbeddingBins = bins }.Validate);
        Assert.AreEqual(nameof(MlpTrainingSettings.EmbeddingBins), ex.ParamName);
        StringAssert.StartsWith(ex.Message, $"MlpTrainingSettings.EmbeddingBins must be in 1..256; got {bins}.");
    }
}
