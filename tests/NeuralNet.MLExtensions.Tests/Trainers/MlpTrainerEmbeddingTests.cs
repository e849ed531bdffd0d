using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Tests.Engine;
using NeuralNet.MLExtensions.Transforms;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>The input stage through the ML.NET trainer: options, saving, scoring, the hidden-layer transform, the summary.</summary>
[TestClass]
public sealed class MlpTrainerEmbeddingTests
{
    private sealed class HiddenRow
    {
        public float[] Hidden { get; set; } = [];
    }

    private static readonly Lazy<(MLContext Ml, MlpModelParameters Model)> Trained = new(() =>
    {
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options
        {
            HiddenLayerSizes = [12], Activation = [Activation.Tanh], MaximumNumberOfEpochs = 30,
            NumericEmbedding = NumericEmbeddingKind.Periodic, FeatureScaleLayer = true, EnsembleSize = 1,
        };
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(options)).Fit(MlNetData.Load(ml, "iris_train.csv"));
        return (ml, MlNetData.Mlp(model));
    });

    private static readonly Lazy<(MLContext Ml, MlpModelParameters Model)> Encoded = new(() =>
    {
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options { HiddenLayerSizes = [12], Activation = [Activation.Tanh], MaximumNumberOfEpochs = 30, EnsembleSize = 1 };
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(options)).Fit(MlNetData.Load(ml, "iris_train.csv"));
        return (ml, MlNetData.Mlp(model));
    });

    [TestMethod]
    public void MlpTrainer_Fit_Defaults_EncodeEveryManyValuedFeaturePiecewiseLinearly()
    {
        var a = Encoded.Value.Model.Architecture;
        Assert.IsTrue(a.Embedding is { IsPiecewiseLinear: true, IsPeriodic: false, FeatureScale: false });
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3 }, a.Embedding.PiecewiseLinear!.Features.ToArray());
        Assert.IsTrue(a.Embedding.PiecewiseLinear.Edges.All(e => e.Count is >= 2 and <= MlpDefaults.EmbeddingBins + 1));
        Assert.AreEqual(4 + a.Embedding.PiecewiseLinear.ColumnCount, a.LayerInputSize(0));
        Assert.AreEqual(a.LayerInputSize(0), Encoded.Value.Model.GetWeights(0).GetLength(1));
        Assert.AreEqual(0, a.EmbeddingParameterCount);
    }

    [TestMethod]
    public void MlpModelParameters_SaveLoad_WithPiecewiseLinear_GivesIdenticalScoresRowByRowAndBatched() => CheckSaveLoad(Encoded.Value.Model);

    [TestMethod]
    public void MlpHiddenLayer_Transform_WithPiecewiseLinear_MatchesTheReference() => CheckHiddenLayer(Encoded.Value.Ml, Encoded.Value.Model);

    [TestMethod]
    public void MlpTrainer_Options_EncodedEarlyStoppingPatience_FollowsThePresetUnlessThePatienceIsSet()
    {
        Assert.AreEqual(5, new MlpTrainer.Options().EncodedEarlyStoppingPatience);
        Assert.AreEqual(10, new MlpTrainer.Options().EarlyStoppingPatience);
        Assert.AreEqual(0, new MlpTrainer.Options { Preset = MlpPreset.Classic }.EncodedEarlyStoppingPatience);
        // A patience set by the user holds for every network, encoded or not ...
        Assert.AreEqual(0, new MlpTrainer.Options { EarlyStoppingPatience = 30 }.EncodedEarlyStoppingPatience);
        // ... unless the encoded patience is set too.
        Assert.AreEqual(3, new MlpTrainer.Options { EarlyStoppingPatience = 30, EncodedEarlyStoppingPatience = 3 }.EncodedEarlyStoppingPatience);
    }

    [TestMethod]
    public void MlpModelParameters_Summary_ShowsThePiecewiseLinearEncoding()
    {
        string summary = Encoded.Value.Model.ToString();
        Console.WriteLine(summary);
        StringAssert.Contains(summary, "Piecewise-linear encoding");
        StringAssert.Contains(summary, "(4 encoded)");
    }

    [TestMethod]
    public void MlpTrainer_Fit_Periodic_BuildsTheInputStageBeforeTheFirstDenseLayer()
    {
        var a = Trained.Value.Model.Architecture;
        Assert.IsNotNull(a.Embedding);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3 }, a.Embedding.EmbeddedFeatures.ToArray());
        Assert.IsTrue(a.Embedding.FeatureScale);
        Assert.AreEqual(4 * (1 + MlpDefaults.EmbeddingWidth), a.LayerInputSize(0));
        Assert.AreEqual(a.LayerInputSize(0), Trained.Value.Model.GetWeights(0).GetLength(1));
    }

    [TestMethod]
    public void MlpModelParameters_SaveLoad_WithInputStage_GivesIdenticalScoresRowByRowAndBatched() => CheckSaveLoad(Trained.Value.Model);

    private static void CheckSaveLoad(MlpModelParameters model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = MlpModelParameters.Load(stream);

        Assert.AreEqual(model.Architecture.ToString(), loaded.Architecture.ToString());
        Assert.IsTrue(model.Architecture.Embedding!.SameAs(loaded.Architecture.Embedding));
        CollectionAssert.AreEqual(model.Network.Parameters.ToArray(), loaded.Network.Parameters.ToArray());
        float[] rowByRow = Persistence.ModelBytes.Predictions(model);
        CollectionAssert.AreEqual(rowByRow, Persistence.ModelBytes.Predictions(loaded));

        var test = TabularData.Load("iris_test.csv");
        var batched = new float[test.Rows * 3];
        new MlpInference(loaded.Network, loaded.Standardizer, numberOfThreads: 2).Probabilities(test.Features, test.Rows, batched);
        CollectionAssert.AreEqual(rowByRow, batched);
    }

    [TestMethod]
    public void MlpHiddenLayer_Transform_WithInputStage_IndexZeroIsTheFirstDenseLayer() => CheckHiddenLayer(Trained.Value.Ml, Trained.Value.Model);

    private static void CheckHiddenLayer(MLContext ml, MlpModelParameters model)
    {
        var data = MlNetData.Load(ml, "iris_test.csv");
        var output = ml.Transforms.MlpHiddenLayer(model, 0, "Hidden").Fit(data).Transform(data);
        var rows = ml.Data.CreateEnumerable<HiddenRow>(output, reuseRowObject: false).ToArray();
        var test = TabularData.Load("iris_test.csv");
        var a = model.Architecture;
        var w = model.GetWeights(0);
        var b = model.GetBiases(0);
        double[] theta = model.Network.Parameters.ToArray().Select(v => (double)v).ToArray();
        for (int r = 0; r < test.Rows; r++)
        {
            var x = test.Features.AsSpan(r * 4, 4).ToArray();
            model.Standardizer!.Apply(x, x);
            double[] stage = ReferenceInputStage.Apply(a.Embedding!, theta, (int)(a.WeightCount + a.BiasCount), x.Select(v => (double)v).ToArray());
            Assert.HasCount(12, rows[r].Hidden);
            for (int u = 0; u < 12; u++)
            {
                double z = b[u];
                for (int i = 0; i < stage.Length; i++) z += w[u, i] * stage[i];
                Assert.AreEqual(Math.Tanh(z), rows[r].Hidden[u], 1e-4, $"row {r} unit {u}");
            }
        }
    }

    [TestMethod]
    public void MlpModelParameters_Summary_ShowsTheInputStage()
    {
        string summary = Trained.Value.Model.ToString();
        Console.WriteLine(summary);
        StringAssert.Contains(summary, "Periodic embedding");
        StringAssert.Contains(summary, "Feature scale");
        StringAssert.Contains(summary, "input stage)");
    }

    [TestMethod]
    [DataRow("format1")]
    [DataRow("format4")]
    public void MlpModelParameters_Load_EarlierFormat_HasNoInputStage(string version)
    {
        var model = MlpModelParameters.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", version, "iris-model.mlp"));
        Assert.IsNull(model.Architecture.Embedding);
        Assert.AreEqual(model.Architecture.InputSize, model.Architecture.LayerInputSize(0));
    }

    [TestMethod]
    [DataRow(0, 16, "EmbeddingFrequencies must be in 1..256; got 0.")]
    [DataRow(16, 300, "EmbeddingWidth must be in 1..256; got 300.")]
    public void MlpTrainer_Constructor_BadEmbeddingSize_ThrowsNamingTheOption(int frequencies, int width, string message)
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { EmbeddingFrequencies = frequencies, EmbeddingWidth = width }));
        StringAssert.Contains(e.Message, message);
    }

    [TestMethod]
    public void MlpTrainer_FitWarmStart_WithInputStage_ContinuesAndRefusesOtherEmbeddingOptions()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(MlNetData.Load(ml, "iris_train.csv")).Transform(MlNetData.Load(ml, "iris_train.csv"));
        MlpTrainer.Options Options(NumericEmbeddingKind kind) => new()
        {
            HiddenLayerSizes = [6], MaximumNumberOfEpochs = 2, NumericEmbedding = kind, FeatureScaleLayer = true,
        };
        var first = ml.MulticlassClassification.Trainers.Mlp(Options(NumericEmbeddingKind.Periodic)).Fit(data).Model;
        var resumed = ml.MulticlassClassification.Trainers.Mlp(Options(NumericEmbeddingKind.Auto)).Fit(data, first).Model;
        Assert.IsTrue(first.Architecture.Embedding!.SameAs(resumed.Architecture.Embedding));
        Assert.HasCount(4, resumed.History);

        var e = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.Mlp(Options(NumericEmbeddingKind.None)).Fit(data, first));
        StringAssert.Contains(e.Message, "NumericEmbedding is None");
    }
}
