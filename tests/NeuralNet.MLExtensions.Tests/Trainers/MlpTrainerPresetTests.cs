using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// The presets: options left unset follow <c>Preset</c>, explicit values win whatever the order, the Tabular preset
/// holds rows out to pick the best epoch and refits small data on all rows, and validation data given to Fit replaces
/// the preset's held-out rows.
/// </summary>
[TestClass]
public sealed class MlpTrainerPresetTests
{
    [TestMethod]
    public void Options_UnsetOptionsFollowThePreset_ExplicitOnesWinInAnyOrder()
    {
        var tabular = new MlpTrainer.Options();
        Assert.AreEqual(MlpPreset.Tabular, tabular.Preset);
        Assert.AreEqual(MlpDefaults.Tabular.ValidationFraction, tabular.ValidationFraction);
        Assert.AreEqual(MlpDefaults.Tabular.RefitMaximumRows, tabular.RefitMaximumRows);
        Assert.AreEqual(MlpDefaults.Tabular.BatchSize, tabular.BatchSize);

        var classic = new MlpTrainer.Options { Preset = MlpPreset.Classic };
        Assert.AreEqual(0f, classic.ValidationFraction);
        Assert.AreEqual(0, classic.RefitMaximumRows);

        var before = new MlpTrainer.Options { BatchSize = 7, ValidationFraction = 0.3f, Preset = MlpPreset.Classic };
        var after = new MlpTrainer.Options { Preset = MlpPreset.Classic, BatchSize = 7, ValidationFraction = 0.3f };
        foreach (var o in new[] { before, after })
        {
            Assert.AreEqual(7, o.BatchSize);
            Assert.AreEqual(0.3f, o.ValidationFraction);
            Assert.AreEqual(MlpDefaults.Classic.MaximumNumberOfEpochs, o.MaximumNumberOfEpochs);
        }
        // Regression has no label smoothing, whatever a preset says for classification.
        Assert.AreEqual(0f, new MlpRegressionTrainer.Options().LabelSmoothing);
    }

    [TestMethod]
    public void Tabular_LargeData_TrainsOneNetworkWithLargerBatches_UnlessSetExplicitly()
    {
        int limit = MlpDefaults.Tabular.LargeDataRows;
        var atLimit = new MlpTrainer.Options().ForTrainingRows(new int[limit], 2, out _);
        Assert.AreEqual(MlpDefaults.Tabular.EnsembleSize, atLimit.EnsembleSize);
        Assert.AreEqual(MlpDefaults.Tabular.BatchSize, atLimit.BatchSize);

        var above = new MlpTrainer.Options().ForTrainingRows(new int[limit + 1], 2, out bool dropped);
        Assert.IsFalse(dropped);
        Assert.AreEqual(1, above.EnsembleSize);
        Assert.AreEqual(MlpDefaults.Tabular.LargeDataBatchSize, above.BatchSize);

        var explicitOnes = new MlpTrainer.Options { EnsembleSize = 4, BatchSize = 64 }.ForTrainingRows(new int[limit + 1], 2, out _);
        Assert.AreEqual(4, explicitOnes.EnsembleSize);
        Assert.AreEqual(64, explicitOnes.BatchSize);

        var classic = new MlpTrainer.Options { Preset = MlpPreset.Classic }.ForTrainingRows(new int[limit + 1], 2, out _);
        Assert.AreEqual(1, classic.EnsembleSize);
        Assert.AreEqual(MlpDefaults.Classic.BatchSize, classic.BatchSize);
    }

    [TestMethod]
    public void Trainer_UndefinedPreset_IsRefusedNamingTheOption()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpTrainer(new MlpTrainer.Options { Preset = (MlpPreset)9 }));
        Assert.AreEqual("Preset", e.ParamName);
        StringAssert.StartsWith(e.Message, "Preset must be Tabular or Classic; got 9.");
    }

    [TestMethod]
    public void Tabular_RefitsSmallDataOnAllRowsForTheHeldOutRunsBestEpoch()
    {
        var t = TabularData.Load("iris_train.csv");
        var order = t.Labels.Distinct().ToArray();
        int[] labels = t.Labels.Select(l => Array.IndexOf(order, l)).ToArray();
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [16], MaximumNumberOfEpochs = 60, LearningRate = 0.01f, Seed = 2, NumberOfThreads = 1,
            ValidationFraction = 0.25f, EarlyStoppingPatience = 5, RefitMaximumRows = 1_000,
        };
        var refit = MlpEngine.Train(t.Features, 4, labels, default, 3, settings);

        // The held-out run alone: the same settings without the refit.
        var held = MlpEngine.Train(t.Features, 4, labels, default, 3, new MlpTrainingSettings
        {
            HiddenLayerSizes = [16], MaximumNumberOfEpochs = 60, LearningRate = 0.01f, Seed = 2, NumberOfThreads = 1,
            ValidationFraction = 0.25f, EarlyStoppingPatience = 5,
        });
        // The refit: all rows, no validation, exactly the held-out run's best epoch count, and the same weights as a
        // plain run on all rows for that many epochs over the first run's schedule span.
        Assert.HasCount(held.BestEpoch, refit.History);
        Assert.IsTrue(refit.History.All(e => e.ValidationLoss is null));
        var plain = MlpEngine.Train(t.Features, 4, labels, default, 3, new MlpTrainingSettings
        {
            HiddenLayerSizes = [16], MaximumNumberOfEpochs = held.BestEpoch, LearningRateScheduleEpochs = 60, LearningRate = 0.01f, Seed = 2, NumberOfThreads = 1,
        });
        CollectionAssert.AreEqual(plain.Network.Parameters.ToArray(), refit.Network.Parameters.ToArray());

        // Above RefitMaximumRows the held-out run's model is kept.
        var large = MlpEngine.Train(t.Features, 4, labels, default, 3, new MlpTrainingSettings
        {
            HiddenLayerSizes = [16], MaximumNumberOfEpochs = 60, LearningRate = 0.01f, Seed = 2, NumberOfThreads = 1,
            ValidationFraction = 0.25f, EarlyStoppingPatience = 5, RefitMaximumRows = t.Rows - 1,
        });
        CollectionAssert.AreEqual(held.Network.Parameters.ToArray(), large.Network.Parameters.ToArray());
    }

    [TestMethod]
    public void Tabular_TooFewRowsToHoldOut_TrainsOnAllRowsInsteadOfFailing()
    {
        // Two rows per class: a fifth of each class rounds to none, so the preset's held-out rows are dropped (an
        // explicit ValidationFraction still gets the engine's error).
        var ml = new MLContext(seed: 0);
        var rows = Enumerable.Range(0, 40).Select(i => new Row { X = [i % 7, i % 3], Label = $"c{i % 20}" }).ToArray();
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(rows)).Transform(ml.Data.LoadFromEnumerable(rows));
        var pipeline = ml.Transforms.CopyColumns("Features", "X");
        data = pipeline.Fit(data).Transform(data);
        var model = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { HiddenLayerSizes = [4], MaximumNumberOfEpochs = 3 }).Fit(data).Model;
        Assert.HasCount(3, model.History);
        Assert.IsTrue(model.History.All(e => e.ValidationLoss is null));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { HiddenLayerSizes = [4], MaximumNumberOfEpochs = 3, ValidationFraction = 0.2f }).Fit(data));
        StringAssert.Contains(e.Message, "holds out no row");
    }

    private sealed class Row
    {
        [Microsoft.ML.Data.VectorType(2)] public float[] X { get; set; } = [];
        public string Label { get; set; } = "";
    }

    [TestMethod]
    public void Tabular_FitWithValidationData_UsesItInsteadOfHoldingRowsOut()
    {
        var ml = new MLContext(seed: 0);
        var map = ml.Transforms.Conversion.MapValueToKey("Label").Fit(MlNetData.Load(ml, "iris_train.csv"));
        var train = map.Transform(MlNetData.Load(ml, "iris_train.csv"));
        var test = map.Transform(MlNetData.Load(ml, "iris_test.csv"));
        var trainer = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 4, Seed = 1 });
        var model = trainer.Fit(train, test).Model;
        Assert.IsTrue(model.History.All(e => e.ValidationLoss is not null), "the given validation data is measured every epoch");

        // An explicit ValidationFraction with validation data is still refused, with the engine's message.
        var both = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 4, ValidationFraction = 0.2f });
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => both.Fit(train, test));
        StringAssert.Contains(e.Message, "ValidationFraction must be 0 when validation data is given");
    }
}
