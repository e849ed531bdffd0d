using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>Training with the input stage: what it embeds, that it learns, that it resumes and refuses a mismatch.</summary>
[TestClass]
public sealed class MlpEngineEmbeddingTests
{
    [TestMethod]
    [DataRow("iris", 0.95)]
    [DataRow("wine", 0.95)]
    [DataRow("digits", 0.97)]
    public void MlpEngine_Train_Periodic_ReachesAccuracyFloor(string dataSet, double floor)
    {
        var train = TabularData.Load($"{dataSet}_train.csv");
        var test = TabularData.Load($"{dataSet}_test.csv");
        var result = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.Periodic, FeatureScaleLayer = true, Seed = 1 });
        double accuracy = TabularData.Accuracy(result, test);
        Console.WriteLine($"{dataSet}: {result.Network.Architecture}, epochs {result.Epochs}, accuracy {accuracy:F4}");
        Assert.IsNotNull(result.Network.Architecture.Embedding);
        Assert.IsTrue(result.Network.Architecture.Embedding.IsPeriodic);
        Assert.IsGreaterThanOrEqualTo(floor, accuracy);
    }

    [TestMethod]
    public void MlpEngine_Train_Periodic_TwoValuedColumnsPassThroughUnembedded()
    {
        // Column 0 is numeric, 1 and 2 are one-hot (0/1), 3 takes two values 5 and −2: only column 0 is embedded.
        const int rows = 40;
        var features = new float[rows * 4];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            features[r * 4] = r * 0.1f;
            features[r * 4 + 1] = r % 2;
            features[r * 4 + 2] = 1 - r % 2;
            features[r * 4 + 3] = r % 3 == 0 ? 5f : -2f;
            labels[r] = r < rows / 2 ? 0 : 1;
        }
        var result = MlpEngine.Train(features, 4, labels, default, 2,
            new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.Periodic, MaximumNumberOfEpochs = 2, Seed = 1 });
        var architecture = result.Network.Architecture;
        CollectionAssert.AreEqual(new[] { 0 }, architecture.Embedding!.EmbeddedFeatures.ToArray());
        Assert.AreEqual(4 + MlpDefaults.EmbeddingWidth, architecture.FirstLayerInputSize);
    }

    [TestMethod]
    public void MlpEngine_Train_DefaultSettings_HaveNoInputStage()
    {
        var train = TabularData.Load("iris_train.csv");
        var result = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { MaximumNumberOfEpochs = 1 });
        Assert.IsNull(result.Network.Architecture.Embedding);
        Assert.AreEqual(train.FeatureCount, result.Network.Architecture.FirstLayerInputSize);
    }

    [TestMethod]
    public void MlpEngine_Train_WarmStartWithEmbeddings_MatchesAnUninterruptedRun()
    {
        var train = TabularData.Load("wine_train.csv");
        MlpTrainingSettings Settings(int epochs) => new()
        {
            NumericEmbedding = NumericEmbeddingKind.Periodic, FeatureScaleLayer = true, HiddenLayerSizes = [8],
            MaximumNumberOfEpochs = epochs, Seed = 5, NumberOfThreads = 1,
        };
        var whole = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount, Settings(6));
        var first = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount, Settings(3));
        var resumed = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount, Settings(3),
            validation: null, warmStart: MlpWarmStart.From(first));
        CollectionAssert.AreEqual(whole.Network.Parameters.ToArray(), resumed.Network.Parameters.ToArray());
    }

    [TestMethod]
    [DataRow(NumericEmbeddingKind.None, true, "NumericEmbedding is None")]
    [DataRow(NumericEmbeddingKind.Periodic, false, "FeatureScaleLayer is False")]
    public void MlpEngine_Train_WarmStartWithOtherInputStage_ThrowsNamingTheSetting(NumericEmbeddingKind kind, bool scale, string expected)
    {
        var train = TabularData.Load("iris_train.csv");
        var first = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.Periodic, FeatureScaleLayer = true, MaximumNumberOfEpochs = 1 });
        var ex = Assert.ThrowsExactly<ArgumentException>(() => MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            new MlpTrainingSettings { NumericEmbedding = kind, FeatureScaleLayer = scale, MaximumNumberOfEpochs = 1 }, null, MlpWarmStart.From(first)));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("warm start needs the same input stage", ex.Message);
    }

    [TestMethod]
    [DataRow(nameof(MlpTrainingSettings.EmbeddingFrequencies), 0, "MlpTrainingSettings.EmbeddingFrequencies must be in 1..256; got 0.")]
    [DataRow(nameof(MlpTrainingSettings.EmbeddingWidth), 257, "MlpTrainingSettings.EmbeddingWidth must be in 1..256; got 257.")]
    [DataRow(nameof(MlpTrainingSettings.NumericEmbedding), 7, "MlpTrainingSettings.NumericEmbedding must be one of None, Periodic, Auto, PiecewiseLinear; got 7.")]
    public void MlpTrainingSettings_Validate_BadEmbeddingSetting_ThrowsNamingIt(string setting, int value, string message)
    {
        var settings = setting switch
        {
            nameof(MlpTrainingSettings.EmbeddingFrequencies) => new MlpTrainingSettings { EmbeddingFrequencies = value },
            nameof(MlpTrainingSettings.EmbeddingWidth) => new MlpTrainingSettings { EmbeddingWidth = value },
            _ => new MlpTrainingSettings { NumericEmbedding = (NumericEmbeddingKind)value },
        };
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(settings.Validate);
        Assert.AreEqual(setting, ex.ParamName);
        Assert.StartsWith(message, ex.Message);
    }

    [TestMethod]
    public void MlpTrainingSettings_ValidateForData_EmbeddingsTooLargeForASavedModel_ThrowsNamingNumericEmbedding()
    {
        var settings = new MlpTrainingSettings { NumericEmbedding = NumericEmbeddingKind.Periodic, EmbeddingWidth = 256, HiddenLayerSizes = [1024] };
        settings.Validate();
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => settings.ValidateForData(1000, 2));
        Assert.AreEqual(nameof(MlpTrainingSettings.NumericEmbedding), ex.ParamName);
        Assert.Contains("257,000 first-layer inputs", ex.Message);
    }
}
