using NeuralNet.MLExtensions.Engine;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>Bad schemas, options and data get specific errors that name the column or option and the fix.</summary>
[TestClass]
public sealed class MlpTrainerErrorTests
{
    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
        public float Weight { get; set; } = 1f;
        public float Scalar { get; set; }
        public double DoubleWeight { get; set; }
    }

    private static Row[] Rows(int n, int classes = 2) => Enumerable.Range(0, n).Select(i => new Row
    {
        Features = [i % classes + 0.1f * i, -(i % classes)],
        Label = $"c{i % classes}",
        Scalar = i,
    }).ToArray();

    private static IDataView Keyed(MLContext ml, IEnumerable<Row> rows) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));

    private static MlpTrainer Trainer(MLContext ml, Action<MlpTrainer.Options>? change = null)
    {
        var options = new MlpTrainer.Options { MaximumNumberOfEpochs = 2 };
        change?.Invoke(options);
        return ml.MulticlassClassification.Trainers.Mlp(options);
    }

    [TestMethod]
    public void MlpTrainer_Fit_MissingFeaturesColumn_NamesIt()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Trainer(ml, o => o.FeatureColumnName = "Pixels").Fit(Keyed(ml, Rows(10))));
        StringAssert.Contains(e.Message, "Could not find Features column 'Pixels'");
    }

    [TestMethod]
    public void MlpTrainer_GetOutputSchema_MissingLabelColumn_NamesIt()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            Trainer(ml, o => o.LabelColumnName = "Target").GetOutputSchema(MlNetData.ShapeOf(Keyed(ml, Rows(10)).Schema)));
        StringAssert.Contains(e.Message, "Could not find Label column 'Target'");
    }

    [TestMethod]
    public void MlpTrainer_Fit_LabelNotKey_SuggestsMapValueToKey()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Trainer(ml).Fit(ml.Data.LoadFromEnumerable(Rows(10))));
        StringAssert.Contains(e.Message, "Schema mismatch for Label column 'Label': expected Key, got String");
        StringAssert.Contains(e.Message, "MapValueToKey(\"Label\")");
    }

    [TestMethod]
    public void MlpTrainer_GetOutputSchema_LabelNotKey_SuggestsMapValueToKey()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Trainer(ml).GetOutputSchema(MlNetData.ShapeOf(ml.Data.LoadFromEnumerable(Rows(10)).Schema)));
        StringAssert.Contains(e.Message, "Schema mismatch for Label column 'Label': expected Key, got String");
    }

    [TestMethod]
    public void MlpTrainer_Fit_ScalarFeatures_SuggestsConcatenate()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Trainer(ml, o => o.FeatureColumnName = "Scalar").Fit(Keyed(ml, Rows(10))));
        StringAssert.Contains(e.Message, "Schema mismatch for Features column 'Scalar': expected known-size vector of Single");
        StringAssert.Contains(e.Message, "Concatenate(\"Scalar\"");
    }

    [TestMethod]
    public void MlpTrainer_GetOutputSchema_ScalarFeatures_SuggestsConcatenate()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            Trainer(ml, o => o.FeatureColumnName = "Scalar").GetOutputSchema(MlNetData.ShapeOf(Keyed(ml, Rows(10)).Schema)));
        StringAssert.Contains(e.Message, "Schema mismatch for Features column 'Scalar': expected known-size vector of Single, got Single");
    }

    [TestMethod]
    public void MlpTrainer_Fit_WeightNotSingle_NamesIt()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Trainer(ml, o => o.ExampleWeightColumnName = "DoubleWeight").Fit(Keyed(ml, Rows(10))));
        StringAssert.Contains(e.Message, "Schema mismatch for ExampleWeight column 'DoubleWeight': expected Single, got Double");
    }

    [TestMethod]
    [DataRow("HiddenLayerSizes", "HiddenLayerSizes[1] must be positive; got 0.")]
    [DataRow("LearningRate", "LearningRate must be a positive finite number; got -0.5.")]
    [DataRow("BatchSize", "BatchSize must be at least 1; got 0.")]
    [DataRow("MaximumNumberOfEpochs", "MaximumNumberOfEpochs must be at least 1; got 0.")]
    [DataRow("L2Regularization", "L2Regularization must be zero or a positive finite number; got -1.")]
    [DataRow("Activation", "Activation must list one activation for all hidden layers or one per hidden layer (2); got 3.")]
    [DataRow("NumberOfThreads", "NumberOfThreads must be at least 1; got 0.")]
    [DataRow("Momentum", "Momentum must be in [0, 1); got 1.")]
    [DataRow("FeatureScaling", "FeatureScaling must be one of None, Standard, Robust; got 7.")]
    public void MlpTrainer_Constructor_BadOption_NamesOptionRuleAndValue(string option, string message)
    {
        var options = new MlpTrainer.Options { HiddenLayerSizes = [8, 4] };
        switch (option)
        {
            case "HiddenLayerSizes": options.HiddenLayerSizes = [8, 0]; break;
            case "LearningRate": options.LearningRate = -0.5f; break;
            case "BatchSize": options.BatchSize = 0; break;
            case "MaximumNumberOfEpochs": options.MaximumNumberOfEpochs = 0; break;
            case "L2Regularization": options.L2Regularization = -1; break;
            case "Activation": options.Activation = [NeuralNet.MLExtensions.Engine.Activation.Relu, NeuralNet.MLExtensions.Engine.Activation.Tanh, NeuralNet.MLExtensions.Engine.Activation.Relu]; break;
            case "NumberOfThreads": options.NumberOfThreads = 0; break;
            case "Momentum": options.Momentum = 1f; break;
            case "FeatureScaling": options.FeatureScaling = (NeuralNet.MLExtensions.Engine.FeatureScaling)7; break;
        }
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpTrainer(options));
        Assert.AreEqual(option, e.ParamName);
        StringAssert.StartsWith(e.Message, message);
        Assert.IsFalse(e.Message.Contains("MlpTrainingSettings"), e.Message);
    }

    [TestMethod]
    public void MlpTrainer_Constructor_HugeHiddenLayers_NamesTheOptionBeforeAllocating()
    {
        // Issue 15: [100000, 100000] reached an allocation of over 10 billion floats and threw a bare OverflowException.
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpTrainer(new MlpTrainer.Options { HiddenLayerSizes = [100_000, 100_000], EnsembleSize = 1 }));
        Assert.AreEqual("HiddenLayerSizes", e.ParamName);
        StringAssert.StartsWith(e.Message,
            "HiddenLayerSizes must give a network of at most 67,108,864 parameters, so that the trained model can be saved and loaded again; " +
            "got [100000, 100000], which gives at least 10,000,500,002 even with 1 feature and 2 classes. Use fewer or narrower hidden layers.");
    }

    [TestMethod]
    public void MlpTrainer_Fit_NetworkTooLargeForTheClasses_NamesHiddenLayerSizesBeforeTraining()
    {
        // One layer of a million units is allowed alone, but with 70 classes it needs 73 million parameters.
        var ml = new MLContext(seed: 0);
        var trainer = Trainer(ml, o => { o.HiddenLayerSizes = [1_000_000]; o.EnsembleSize = 1; });
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => trainer.Fit(Keyed(ml, Rows(140, classes: 70))));
        Assert.AreEqual("HiddenLayerSizes", e.ParamName);
        StringAssert.Contains(e.Message, "got [1000000], which with 2 features and 70 classes gives 73,000,070.");
        Assert.IsFalse(e.Message.Contains("MlpTrainingSettings"), e.Message);
    }

    [TestMethod]
    public void MlpTrainer_Constructor_TenThousandThreads_RefusedNamingTheProcessorCount()
    {
        // Issue 15: 10,000 threads were accepted and trained 500 times slower.
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpTrainer(new MlpTrainer.Options { NumberOfThreads = 10_000 }));
        Assert.AreEqual("NumberOfThreads", e.ParamName);
        StringAssert.StartsWith(e.Message, $"NumberOfThreads must be at most {2 * Environment.ProcessorCount}, twice the {Environment.ProcessorCount} processors of this machine");
        StringAssert.Contains(e.Message, "got 10000.");
    }

    [TestMethod]
    public void MlpTrainer_Constructor_L2WithAdamW_SaysToUseWeightDecay()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            new MlpTrainer(new MlpTrainer.Options { Optimizer = NeuralNet.MLExtensions.Engine.OptimizerKind.AdamW, L2Regularization = 1e-3f }));
        Assert.AreEqual("L2Regularization", e.ParamName);
        StringAssert.StartsWith(e.Message,
            "L2Regularization must be 0 or left unset when Optimizer is AdamW, whose WeightDecay is the decoupled form of the same penalty; got 0.001. " +
            "Set WeightDecay instead, or use Adam for a coupled L2 penalty.");
    }

    [TestMethod]
    public void MlpTrainer_Constructor_MinimumLearningRateAboveRate_NamesBothOptions()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            new MlpTrainer(new MlpTrainer.Options { LearningRate = 0.01f, MinimumLearningRate = 0.5f }));
        Assert.AreEqual("MinimumLearningRate", e.ParamName);
        StringAssert.StartsWith(e.Message, "MinimumLearningRate must be below LearningRate (0.01); got 0.5.");
    }

    [TestMethod]
    public void MlpTrainer_Options_NullHiddenLayerSizes_GoesBackToThePresets()
    {
        var options = new MlpTrainer.Options { HiddenLayerSizes = [7], Preset = MlpPreset.Classic };
        options.HiddenLayerSizes = null!;
        CollectionAssert.AreEqual(MlpDefaults.Classic.HiddenLayerSizes.ToArray(), options.HiddenLayerSizes);
        _ = new MlpTrainer(options);
    }

    [TestMethod]
    public void MlpTrainer_Constructor_EmptyFeatureColumnName_NamesOption()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpTrainer(new MlpTrainer.Options { FeatureColumnName = "" }));
        Assert.AreEqual("FeatureColumnName", e.ParamName);
    }

    [TestMethod]
    public void MlpTrainer_Fit_NoRows_SaysSo()
    {
        var ml = new MLContext(seed: 0);
        var keying = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(Rows(4)));
        var empty = keying.Transform(ml.Data.LoadFromEnumerable(Array.Empty<Row>()));
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Trainer(ml).Fit(empty));
        StringAssert.Contains(e.Message, "no rows");
    }

    [TestMethod]
    public void MlpTrainer_Fit_OneClass_SaysSo()
    {
        var ml = new MLContext(seed: 0);
        var keying = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(Rows(4)));
        var oneClass = keying.Transform(ml.Data.LoadFromEnumerable(Rows(10).Where(r => r.Label == "c1")));
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Trainer(ml).Fit(oneClass));
        StringAssert.Contains(e.Message, "only one class ('c1') in Label column 'Label'");
    }

    [TestMethod]
    public void MlpTrainer_Fit_LabelKeyWithOneValue_SaysSo()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Trainer(ml).Fit(Keyed(ml, Rows(10).Where(r => r.Label == "c1"))));
        StringAssert.Contains(e.Message, "Label column 'Label' has only 1 class");
    }

    [TestMethod]
    public void MlpTrainer_Fit_NaNFeatures_FailsNamingRowsAndSlots()
    {
        var ml = new MLContext(seed: 0);
        var rows = Rows(20);
        rows[3].Features[1] = float.NaN;
        rows[7].Features[1] = float.PositiveInfinity;
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Trainer(ml).Fit(Keyed(ml, rows)));
        StringAssert.Contains(e.Message, "2 training row(s) have NaN or infinity in Features column 'Features', in slot 1: 2 row(s)");
        StringAssert.Contains(e.Message, "SkipInvalidRows");
    }

    [TestMethod]
    public void MlpTrainer_Fit_NaNFeaturesWithSkip_SkipsAndLogsCount()
    {
        var ml = new MLContext(seed: 0);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var rows = Rows(20);
        rows[3].Features[0] = float.NaN;
        var model = Trainer(ml, o => o.SkipInvalidRows = true).Fit(Keyed(ml, rows));
        Assert.IsNotNull(model);
        Assert.IsTrue(messages.Any(m => m.Contains("skipped 1 invalid training row(s)")), string.Join("\n", messages.Take(5)));
    }

    [TestMethod]
    public void MlpTrainer_Fit_NegativeWeight_FailsNamingColumn()
    {
        var ml = new MLContext(seed: 0);
        var rows = Rows(20);
        rows[5].Weight = -1f;
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Trainer(ml, o => o.ExampleWeightColumnName = "Weight").Fit(Keyed(ml, rows)));
        StringAssert.Contains(e.Message, "1 training row(s) have a negative, NaN or infinite weight in ExampleWeight column 'Weight'");
    }

    [TestMethod]
    public void MlpTrainer_Fit_AllWeightsZero_FailsNamingColumn()
    {
        var ml = new MLContext(seed: 0);
        var rows = Rows(20);
        foreach (var row in rows) row.Weight = 0f;
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => Trainer(ml, o => o.ExampleWeightColumnName = "Weight").Fit(Keyed(ml, rows)));
        StringAssert.Contains(e.Message, "All 20 training rows have weight 0 in ExampleWeight column 'Weight': no example carries weight");
    }

    [TestMethod]
    public void MlpPredictionTransformer_Transform_WrongFeatureSize_NamesColumnAndSizes()
    {
        var ml = new MLContext(seed: 0);
        var model = Trainer(ml).Fit(Keyed(ml, Rows(10)));
        var other = ml.Transforms.Concatenate("Features", "Scalar", "Weight", "Weight").Fit(ml.Data.LoadFromEnumerable(Rows(3)))
            .Transform(ml.Data.LoadFromEnumerable(Rows(3)));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => model.Transform(other));
        StringAssert.Contains(e.Message, "Features column 'Features': expected a vector of 2 Single values (the size the model was trained on), got 3");
    }
}
