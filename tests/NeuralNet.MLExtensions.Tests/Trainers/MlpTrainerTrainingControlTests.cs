using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>Validation data, early stopping, warm start, progress, cancellation and the history through the ML.NET trainer.</summary>
[TestClass]
public sealed class MlpTrainerTrainingControlTests
{
    /// <summary>The data with its label mapped to a key by one MapValueToKey fitted on <paramref name="keySource"/>.</summary>
    private static IDataView Keyed(MLContext ml, IDataView data, IDataView? keySource = null) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Fit(keySource ?? data).Transform(data);

    private static (IDataView Train, IDataView Test) Iris(MLContext ml)
    {
        var train = MlNetData.Load(ml, "iris_train.csv");
        return (Keyed(ml, train), Keyed(ml, MlNetData.Load(ml, "iris_test.csv"), train));
    }

    private static MlpTrainer.Options Quick(int epochs = 5) => new() { Preset = MlpPreset.Classic, HiddenLayerSizes = [16], MaximumNumberOfEpochs = epochs, Seed = 1, NumberOfThreads = 1, LearningRate = 0.01f };

    [TestMethod]
    public void MlpTrainer_FitWithValidationData_RecordsValidationMetricsAndLogsThem()
    {
        var ml = new MLContext(seed: 0);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var (train, test) = Iris(ml);
        var model = ml.MulticlassClassification.Trainers.Mlp(Quick()).Fit(train, test).Model;

        Assert.HasCount(5, model.History);
        Assert.IsTrue(model.History.All(h => h.ValidationLoss > 0 && h.ValidationAccuracy is >= 0 and <= 1));
        Assert.IsTrue(messages.Any(m => m.Contains("Mlp: epoch 5/5: training loss") && m.Contains("validation loss") && m.Contains("learning rate")));
        // The validation accuracy after the last epoch is what ML.NET's evaluator measures on the same rows.
        var metrics = ml.MulticlassClassification.Evaluate(new MlpPredictionTransformer(model, "Features").Transform(test));
        Assert.AreEqual(metrics.MicroAccuracy, model.History[^1].ValidationAccuracy!.Value, 1e-9);
        Assert.AreEqual(metrics.LogLoss, model.History[^1].ValidationLoss!.Value, 1e-4);
    }

    [TestMethod]
    public void MlpTrainer_FitWithMisleadingValidationData_StopsEarlyKeepingTheBestEpoch()
    {
        var ml = new MLContext(seed: 0);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        var (train, _) = Iris(ml);
        // Validation rows with every label moved to the next class: fitting the training data hurts the validation loss.
        var t = TabularData.Load("iris_train.csv");
        var shifted = ml.Data.LoadFromEnumerable(Enumerable.Range(0, t.Rows).Select(r => new IrisRow { Features = t.Features.AsSpan(r * 4, 4).ToArray(), Label = (t.Labels[r] + 1) % 3 }));
        var options = Quick(200);
        options.EarlyStoppingPatience = 3;
        var model = ml.MulticlassClassification.Trainers.Mlp(options).Fit(train, Keyed(ml, shifted, MlNetData.Load(ml, "iris_train.csv"))).Model;

        Assert.AreEqual(StopReason.EarlyStopping, model.StopReason);
        Assert.AreEqual(model.BestEpoch + 3, model.History.Count);
        var losses = model.History.Select(h => h.ValidationLoss!.Value).ToList();
        Assert.AreEqual(losses.Min(), losses[model.BestEpoch - 1]);
        Assert.IsTrue(messages.Any(m => m.Contains($"stopped early after epoch {model.History.Count}") && m.Contains($"weights of epoch {model.BestEpoch}")));
    }

    private sealed class IrisRow
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    [TestMethod]
    public void MlpTrainer_FitWithValidationDataOfOtherShape_NamesTheColumnAndSizes()
    {
        var ml = new MLContext(seed: 0);
        var wine = Keyed(ml, MlNetData.Load(ml, "wine_test.csv"));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.Mlp(Quick()).Fit(Iris(ml).Train, wine));
        StringAssert.Contains(e.Message, "Schema mismatch for Features column 'Features' in the validation data: expected a vector of 4 Single values (as in the training data), got 13.");
    }

    [TestMethod]
    public void MlpTrainer_FitWithValidationDataOfOtherClasses_NamesTheLabel()
    {
        var ml = new MLContext(seed: 0);
        var twoClasses = Keyed(ml, ml.Data.FilterRowsByColumn(MlNetData.Load(ml, "iris_test.csv"), "Label", 0, 2));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.Mlp(Quick()).Fit(Iris(ml).Train, twoClasses));
        StringAssert.Contains(e.Message, "Schema mismatch for Label column 'Label' in the validation data: expected the training data's 3 classes");
    }

    [TestMethod]
    public void MlpTrainer_FitFromModelParameters_MatchesTrainingStraightThrough()
    {
        var ml = new MLContext(seed: 0);
        var train = Iris(ml).Train;
        MlpTrainer Trainer(int epochs, int threads)
        {
            var o = Quick(epochs);
            o.NumberOfThreads = threads;
            o.LearningRateSchedule = LearningRateScheduleKind.ExponentialDecay;
            o.ExponentialDecayRate = 0.8f;
            o.DropoutRates = [0.1f];
            return ml.MulticlassClassification.Trainers.Mlp(o);
        }
        var straight = Trainer(6, 1).Fit(train).Model;
        var first = Trainer(2, 1).Fit(train).Model;
        var continued = Trainer(4, 2).Fit(train, first).Model;

        CollectionAssert.AreEqual(straight.Network.Parameters.ToArray(), continued.Network.Parameters.ToArray(), "bit-identical weights");
        CollectionAssert.AreEqual(Enumerable.Range(1, 6).ToArray(), continued.History.Select(h => h.Epoch).ToArray());
        CollectionAssert.AreEqual(straight.History.Select(h => h.LearningRate).ToArray(), continued.History.Select(h => h.LearningRate).ToArray());
        Assert.AreEqual(6, continued.TrainingState!.EpochsCompleted);
    }

    [TestMethod]
    [DataRow(LearningRateScheduleKind.CosineDecay)]
    [DataRow(LearningRateScheduleKind.OneCycle)]
    public void MlpTrainer_FitInTwoPartsThroughAFile_AnnealsAsOneRunOverTheScheduleSpan(LearningRateScheduleKind schedule)
    {
        var ml = new MLContext(seed: 0);
        var train = Iris(ml).Train;
        MlpTrainer Trainer(int epochs, int? span)
        {
            var o = Quick(epochs);
            o.LearningRateSchedule = schedule;
            o.LearningRateScheduleEpochs = span;
            return ml.MulticlassClassification.Trainers.Mlp(o);
        }
        var straight = Trainer(6, null).Fit(train).Model;
        using var file = new MemoryStream();
        Trainer(3, 6).Fit(train).Model.Save(file);
        file.Position = 0;
        var continued = Trainer(3, null).Fit(train, MlpModelParameters.Load(file)).Model;

        CollectionAssert.AreEqual(straight.History.Select(h => h.LearningRate).ToArray(), continued.History.Select(h => h.LearningRate).ToArray());
        CollectionAssert.AreEqual(straight.Network.Parameters.ToArray(), continued.Network.Parameters.ToArray(), "bit-identical weights");
    }

    [TestMethod]
    public void MlpTrainer_FitFromAFormat1Model_NumbersEpochsOnFromItsHistory()
    {
        var ml = new MLContext(seed: 0);
        var model = MlpModelParameters.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "format1", "iris-model.mlp"));
        Assert.IsNull(model.TrainingState, "format 1 saved no training state");
        var rows = Persistence.IrisPipeline.Rows("iris_train.csv");
        var data = ml.Transforms.Concatenate("Features", "Raw").Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"))
            .Fit(Persistence.IrisPipeline.Load(ml, rows)).Transform(Persistence.IrisPipeline.Load(ml, rows));
        var options = Quick(2);
        options.HiddenLayerSizes = [8];
        var continued = ml.MulticlassClassification.Trainers.Mlp(options).Fit(data, model).Model;

        CollectionAssert.AreEqual(Enumerable.Range(1, 22).ToArray(), continued.History.Select(h => h.Epoch).ToArray());
        Assert.AreEqual(22, continued.TrainingState!.EpochsCompleted);
    }

    [TestMethod]
    public void MlpTrainer_FitFromModelParametersOfOtherFeaturesOrClasses_SaysWhich()
    {
        var ml = new MLContext(seed: 0);
        var iris = ml.MulticlassClassification.Trainers.Mlp(Quick(1)).Fit(Iris(ml).Train).Model;

        var wine = Keyed(ml, MlNetData.Load(ml, "wine_train.csv"));
        var features = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.Mlp(Quick(1)).Fit(wine, iris));
        StringAssert.Contains(features.Message, "take 4 features, but Features column 'Features' has 13");

        var twoClasses = Keyed(ml, ml.Data.FilterRowsByColumn(MlNetData.Load(ml, "iris_train.csv"), "Label", 0, 2));
        var classes = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.Mlp(Quick(1)).Fit(twoClasses, iris));
        StringAssert.Contains(classes.Message, "were trained on 3 classes (1, 0, 2), but Label column 'Label' has 2 (1, 0)");

        var layers = Assert.ThrowsExactly<ArgumentException>(() =>
            ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 1 }).Fit(Iris(ml).Train, iris));
        StringAssert.Contains(layers.Message, "HiddenLayerSizes and Activation describe");
    }

    private sealed class Collect : IProgress<EpochReport>
    {
        public List<EpochReport> Reports { get; } = [];
        public void Report(EpochReport value) => Reports.Add(value);
    }

    [TestMethod]
    public void MlpTrainer_ProgressAndEpochCompleted_AreToldOncePerEpoch()
    {
        var ml = new MLContext(seed: 0);
        var progress = new Collect();
        var called = new List<int>();
        var options = Quick(4);
        options.Progress = progress;
        options.EpochCompleted = r => called.Add(r.Epoch);
        var model = ml.MulticlassClassification.Trainers.Mlp(options).Fit(Iris(ml).Train).Model;
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4 }, called);
        CollectionAssert.AreEqual(model.History.ToArray(), progress.Reports.ToArray());
    }

    [TestMethod]
    public void MlpTrainer_CancelExecution_StopsTrainingWithOperationCanceled()
    {
        var ml = new MLContext(seed: 0);
        var epochs = new List<int>();
        var options = Quick(50);
        options.EpochCompleted = r =>
        {
            epochs.Add(r.Epoch);
            if (r.Epoch == 2) MlNetInternals.CancelExecution(ml);
        };
        var trainer = ml.MulticlassClassification.Trainers.Mlp(options);
        Assert.ThrowsExactly<OperationCanceledException>(() => trainer.Fit(Iris(ml).Train));
        CollectionAssert.AreEqual(new[] { 1, 2 }, epochs, "no epoch after the cancellation completes");
    }

    [TestMethod]
    public void MlpTrainer_CancellationToken_StopsTrainingWithOperationCanceled()
    {
        var ml = new MLContext(seed: 0);
        using var cancellation = new CancellationTokenSource();
        var epochs = new List<int>();
        var options = Quick(50);
        options.CancellationToken = cancellation.Token;
        options.EpochCompleted = r =>
        {
            epochs.Add(r.Epoch);
            if (r.Epoch == 1) cancellation.Cancel();
        };
        Assert.ThrowsExactly<OperationCanceledException>(() => new MlpTrainer(ml, options).Fit(Iris(ml).Train));
        CollectionAssert.AreEqual(new[] { 1 }, epochs);
    }

    private sealed class HistoryRow
    {
        public int Epoch { get; set; }
        public double TrainingLoss { get; set; }
        public double ValidationLoss { get; set; }
        public double ValidationAccuracy { get; set; }
        public float LearningRate { get; set; }
        public double GradientNorm { get; set; }
        public double[] LayerGradientNorms { get; set; } = [];
        public double ElapsedSeconds { get; set; }
    }

    [TestMethod]
    public void MlpModelParameters_GetHistoryDataView_HoldsTheHistoryAndSavesAsText()
    {
        var ml = new MLContext(seed: 0);
        var (train, test) = Iris(ml);
        var model = ml.MulticlassClassification.Trainers.Mlp(Quick(3)).Fit(train, test).Model;
        var view = model.GetHistoryDataView(ml);

        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Double, 2), view.Schema["LayerGradientNorms"].Type);
        var rows = ml.Data.CreateEnumerable<HistoryRow>(view, reuseRowObject: false).ToArray();
        Assert.HasCount(3, rows);
        for (int i = 0; i < 3; i++)
        {
            var h = model.History[i];
            Assert.AreEqual(h.Epoch, rows[i].Epoch);
            Assert.AreEqual(h.TrainingLoss, rows[i].TrainingLoss);
            Assert.AreEqual(h.ValidationLoss, rows[i].ValidationLoss);
            Assert.AreEqual(h.ValidationAccuracy, rows[i].ValidationAccuracy);
            Assert.AreEqual(h.LearningRate, rows[i].LearningRate);
            Assert.AreEqual(h.GradientNorm, rows[i].GradientNorm);
            CollectionAssert.AreEqual(h.LayerGradientNorms.ToArray(), rows[i].LayerGradientNorms);
            Assert.AreEqual(h.Elapsed.TotalSeconds, rows[i].ElapsedSeconds);
        }

        using var stream = new MemoryStream();
        ml.Data.SaveAsText(view, stream, separatorChar: ',', headerRow: true, schema: false);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        StringAssert.StartsWith(text, "Epoch,TrainingLoss,ValidationLoss,ValidationAccuracy,LearningRate,GradientNorm,Layer1,Layer2,ElapsedSeconds");
        Assert.AreEqual(4, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [TestMethod]
    public void MlpTrainer_ExplicitClassWeights_MoveTheDecisionTowardsTheHeavyClass()
    {
        // Versicolor (1) and virginica (2) overlap; a heavy virginica weight wins it more of the versicolor rows.
        var ml = new MLContext(seed: 0);
        var train = Iris(ml).Train;
        var labels = TabularData.Load("iris_train.csv").Labels;
        int VirginicaCalls(ClassWeighting weighting, float[]? weights)
        {
            var options = new MlpTrainer.Options { Seed = 1, HiddenLayerSizes = [], MaximumNumberOfEpochs = 100, LearningRate = 0.01f, ClassWeighting = weighting, ClassWeights = weights };
            var scored = ml.MulticlassClassification.Trainers.Mlp(options).Fit(train).Transform(train);
            var keys = scored.GetColumn<uint>("PredictedLabel").ToArray();
            var keyOfVirginica = scored.GetColumn<uint>("Label").Zip(labels).First(p => p.Second == 2).First;
            return keys.Zip(labels).Count(p => p.Second == 1 && p.First == keyOfVirginica);
        }
        int plain = VirginicaCalls(ClassWeighting.None, null);
        // Classes are keyed by first occurrence in the file; weight whichever key virginica got.
        var firstKeys = train.GetColumn<uint>("Label").ToArray();
        var weights = new float[3];
        for (int c = 0; c < 3; c++) weights[c] = 1f;
        weights[firstKeys[Array.IndexOf(labels, 2)] - 1] = 50f;
        int heavy = VirginicaCalls(ClassWeighting.Explicit, weights);
        Assert.IsGreaterThan(plain, heavy);
    }

    [TestMethod]
    public void MlpTrainer_BalancedClassWeights_RaiseTheRareClassesRecall()
    {
        // Keep only 4 virginica rows: unweighted, the rare class loses the overlap; balanced weights win some back.
        var ml = new MLContext(seed: 0);
        var t = TabularData.Load("iris_train.csv");
        int kept = 0;
        var rows = Enumerable.Range(0, t.Rows).Where(r => t.Labels[r] != 2 || kept++ < 4)
            .Select(r => new IrisRow { Features = t.Features.AsSpan(r * 4, 4).ToArray(), Label = t.Labels[r] }).ToArray();
        var imbalanced = Keyed(ml, ml.Data.LoadFromEnumerable(rows));
        var allRows = Keyed(ml, ml.Data.LoadFromEnumerable(Enumerable.Range(0, t.Rows).Select(r => new IrisRow { Features = t.Features.AsSpan(r * 4, 4).ToArray(), Label = t.Labels[r] })), ml.Data.LoadFromEnumerable(rows));
        double Recall(ClassWeighting weighting)
        {
            var options = new MlpTrainer.Options { Seed = 1, HiddenLayerSizes = [], MaximumNumberOfEpochs = 60, LearningRate = 0.01f, ClassWeighting = weighting, NumericEmbedding = NumericEmbeddingKind.None };
            var metrics = ml.MulticlassClassification.Evaluate(ml.MulticlassClassification.Trainers.Mlp(options).Fit(imbalanced).Transform(allRows));
            return metrics.PerClassLogLoss.Count == 3 ? metrics.ConfusionMatrix.PerClassRecall[2] : double.NaN;
        }
        double none = Recall(ClassWeighting.None), balanced = Recall(ClassWeighting.Balanced);
        Console.WriteLine($"virginica recall: none {none:F3}, balanced {balanced:F3}");
        Assert.IsGreaterThan(none + 0.1, balanced);
    }

    [TestMethod]
    [DataRow("DropoutRates", "DropoutRates[0] must be in [0, 1); got 1.")]
    [DataRow("LabelSmoothing", "LabelSmoothing must be in [0, 1); got 1.")]
    [DataRow("ValidationFraction", "ValidationFraction must be in [0, 1); got 1.")]
    [DataRow("EarlyStoppingPatience", "EarlyStoppingPatience must be at least 1; got 0.")]
    [DataRow("GradientClippingNorm", "GradientClippingNorm must be zero or a positive finite number; got -1.")]
    [DataRow("L1Regularization", "L1Regularization must be zero or a positive finite number; got -1.")]
    [DataRow("PlateauFactor", "PlateauFactor must be in (0, 1); got 2.")]
    [DataRow("ClassWeights", "ClassWeights must list one weight per class when ClassWeighting is Explicit; got none.")]
    public void MlpTrainer_Constructor_BadTrainingControlOption_NamesOptionRuleAndValue(string option, string message)
    {
        var options = new MlpTrainer.Options();
        switch (option)
        {
            case "DropoutRates": options.DropoutRates = [1f]; break;
            case "LabelSmoothing": options.LabelSmoothing = 1f; break;
            case "ValidationFraction": options.ValidationFraction = 1f; break;
            case "EarlyStoppingPatience": options.EarlyStoppingPatience = 0; break;
            case "GradientClippingNorm": options.GradientClippingNorm = -1f; break;
            case "L1Regularization": options.L1Regularization = -1f; break;
            case "PlateauFactor": options.PlateauFactor = 2f; break;
            case "ClassWeights": options.ClassWeighting = ClassWeighting.Explicit; break;
        }
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpTrainer(options));
        Assert.AreEqual(option, e.ParamName);
        StringAssert.StartsWith(e.Message, message);
    }

    [TestMethod]
    public void MlpTrainer_Fit_ExplicitClassWeightsForOtherClassCount_NamesTheOption()
    {
        var ml = new MLContext(seed: 0);
        var options = Quick(1);
        options.ClassWeighting = ClassWeighting.Explicit;
        options.ClassWeights = [1f, 2f];
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.MulticlassClassification.Trainers.Mlp(options).Fit(Iris(ml).Train));
        Assert.AreEqual("ClassWeights", e.ParamName);
    }
}
