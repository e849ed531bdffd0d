using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Tasks;

/// <summary>A label of the wrong kind, or an option of another task, is refused with a message naming the column or option and the fix.</summary>
[TestClass]
public sealed class TaskTrainerErrorTests
{
    private static readonly TaskData.Row[] Rows = TaskData.Rows(50, 5);

    [TestMethod]
    public void MlpBinaryTrainer_Fit_SingleLabel_SaysConvertToBoolean()
    {
        var ml = new MLContext(seed: 0);
        var pipeline = TaskData.Pipeline(ml, ml.BinaryClassification.Trainers.Mlp(labelColumnName: "Target"));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => pipeline.Fit(TaskData.Load(ml, Rows)));
        StringAssert.Contains(e.Message, "Label column 'Target': expected Boolean, got Single");
        StringAssert.Contains(e.Message, "Convert it to Boolean");
    }

    [TestMethod]
    public void MlpRegressionTrainer_Fit_KeyLabel_SaysUseTheMulticlassTrainer()
    {
        var ml = new MLContext(seed: 0);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Key", "Species")
            .Append(TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(labelColumnName: "Key")));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => pipeline.Fit(TaskData.Load(ml, Rows)));
        StringAssert.Contains(e.Message, "Label column 'Key': expected Single");
        StringAssert.Contains(e.Message, "MulticlassClassification.Trainers.Mlp");
    }

    [TestMethod]
    public void MlpRegressionTrainer_Fit_BooleanLabel_SaysUseTheBinaryTrainer()
    {
        var ml = new MLContext(seed: 0);
        var pipeline = TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(labelColumnName: "Positive"));
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => pipeline.Fit(TaskData.Load(ml, Rows)));
        StringAssert.Contains(e.Message, "BinaryClassification.Trainers.Mlp");
    }

    [TestMethod]
    public void MlpRegressionTrainer_Constructor_AccuracyEarlyStopping_NamesTheOption()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { EarlyStoppingMetric = EarlyStoppingMetric.ValidationAccuracy }));
        Assert.AreEqual("EarlyStoppingMetric", e.ParamName);
        StringAssert.Contains(e.Message, "Use ValidationLoss");
    }

    [TestMethod]
    public void MlpBinaryTrainer_Constructor_LabelSmoothing_IsRefused()
    {
        var ml = new MLContext(seed: 0);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { LabelSmoothing = 0.1f }));
        Assert.AreEqual("LabelSmoothing", e.ParamName);
    }

    [TestMethod]
    public void MlpRegressionTrainer_WarmStartFromBinaryModel_SaysTheTasksDiffer()
    {
        var ml = new MLContext(seed: 0);
        var binary = TaskData.Mlp(TaskData.Pipeline(ml, ml.BinaryClassification.Trainers.Mlp(labelColumnName: "Positive", maximumNumberOfEpochs: 1)).Fit(TaskData.Load(ml, Rows)));
        var data = ml.Transforms.CopyColumns("Features", "Raw").Fit(TaskData.Load(ml, Rows)).Transform(TaskData.Load(ml, Rows));
        var e = Assert.ThrowsExactly<ArgumentException>(() => ml.Regression.Trainers.Mlp(labelColumnName: "Target").Fit(data, binary));
        StringAssert.Contains(e.Message, "Binary model, but this trainer trains Regression");
    }

    [TestMethod]
    public void MlpRegressionTrainer_Fit_NaNTarget_SaysWhichColumnAndSkipsWhenAsked()
    {
        var ml = new MLContext(seed: 0);
        var rows = TaskData.Rows(60, 6);
        rows[3].Target = float.NaN;
        var options = new MlpRegressionTrainer.Options { LabelColumnName = "Target", MaximumNumberOfEpochs = 2 };
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(options)).Fit(TaskData.Load(ml, rows)));
        StringAssert.Contains(e.Message, "1 training row(s) have a NaN or infinite value in Label column 'Target'");
        options.SkipInvalidRows = true;
        var model = TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(options)).Fit(TaskData.Load(ml, rows));
        Assert.IsTrue(double.IsFinite(TaskData.Mlp(model).TargetStandardizer!.Mean), "the NaN row was skipped");
    }

    [TestMethod]
    public void MlpRegressionTrainer_Fit_ExampleWeights_ZeroWeightRowsDoNotCount()
    {
        // Rows of weight 0 carry a wild target; with the weights they move neither the target's mean nor the fit.
        var ml = new MLContext(seed: 0);
        var rows = TaskData.Rows(200, 7).Select((r, i) => new WeightedRow { Raw = r.Raw, Target = i % 2 == 0 ? r.Target : 1e4f, Weight = i % 2 == 0 ? 1f : 0f }).ToArray();
        var trainer = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { LabelColumnName = "Target", ExampleWeightColumnName = "Weight", MaximumNumberOfEpochs = 2 });
        var mlp = TaskData.Mlp(TaskData.Pipeline(ml, trainer).Fit(ml.Data.LoadFromEnumerable(rows)));
        Assert.IsLessThan(200.0, mlp.TargetStandardizer!.Mean, "the weighted mean ignores the rows of weight 0");
    }

    private sealed class WeightedRow
    {
        [Microsoft.ML.Data.VectorType(4)] public float[] Raw { get; set; } = [];
        public float Target { get; set; }
        public float Weight { get; set; }
    }
}
