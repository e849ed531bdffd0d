using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Tasks;

/// <summary>BinaryClassification.Trainers.Mlp with ML.NET's own evaluators, cross-validation, PFI and prediction engine.</summary>
[TestClass]
public sealed class MlpBinaryTrainerTests
{
    private static readonly TaskData.Row[] Train = TaskData.Rows(600, 3), Test = TaskData.Rows(200, 4);

    private static ITransformer Fit(MLContext ml, int epochs = 60) =>
        TaskData.Pipeline(ml, ml.BinaryClassification.Trainers.Mlp(labelColumnName: "Positive", hiddenLayerSizes: [32], maximumNumberOfEpochs: epochs, learningRate: 0.01f))
            .Fit(TaskData.Load(ml, Train));

    [TestMethod]
    public void Binary_Evaluate_CalibratedAndNonCalibrated()
    {
        var ml = new MLContext(seed: 0);
        var scored = Fit(ml).Transform(TaskData.Load(ml, Test));
        var metrics = ml.BinaryClassification.Evaluate(scored, labelColumnName: "Positive");
        Assert.IsGreaterThan(0.97, metrics.AreaUnderRocCurve, $"AUC {metrics.AreaUnderRocCurve}");
        Assert.IsGreaterThan(0.9, metrics.F1Score);
        Assert.IsLessThan(0.3, metrics.LogLoss);
        var plain = ml.BinaryClassification.EvaluateNonCalibrated(scored, labelColumnName: "Positive");
        Assert.AreEqual(metrics.AreaUnderRocCurve, plain.AreaUnderRocCurve, 1e-9, "the same ranking");
        ReadOnlyMemory<char> kind = default;
        scored.Schema["Probability"].Annotations.GetValue("ScoreValueKind", ref kind);
        Assert.AreEqual("Probability", kind.ToString());
        scored.Schema["Score"].Annotations.GetValue("ScoreColumnKind", ref kind);
        Assert.AreEqual("BinaryClassification", kind.ToString());
    }

    [TestMethod]
    public void Binary_PredictionEngine_ProbabilityIsTheSigmoidOfTheScore()
    {
        var ml = new MLContext(seed: 0);
        var model = Fit(ml, epochs: 10);
        var scores = ml.Data.CreateEnumerable<Prediction>(model.Transform(TaskData.Load(ml, Test)), reuseRowObject: false).ToArray();
        var engine = ml.Model.CreatePredictionEngine<TaskData.Row, Prediction>(model);
        for (int i = 0; i < 20; i++)
        {
            var p = engine.Predict(Test[i]);
            Assert.AreEqual(scores[i].Score, p.Score, $"row {i}");
            Assert.AreEqual(1 / (1 + Math.Exp(-p.Score)), p.Probability, 1e-6, $"row {i}");
            Assert.AreEqual(p.Score > 0, p.PredictedLabel, $"row {i}");
        }
    }

    [TestMethod]
    public void Binary_CrossValidateAndPermutationFeatureImportance_Work()
    {
        var ml = new MLContext(seed: 0);
        var trainer = TaskData.Pipeline(ml, ml.BinaryClassification.Trainers.Mlp(labelColumnName: "Positive", hiddenLayerSizes: [16], maximumNumberOfEpochs: 30, learningRate: 0.01f));
        var folds = ml.BinaryClassification.CrossValidate(TaskData.Load(ml, Train), trainer, numberOfFolds: 3, labelColumnName: "Positive");
        Assert.HasCount(3, folds);
        foreach (var fold in folds) Assert.IsGreaterThan(0.9, fold.Metrics.AreaUnderRocCurve);

        var model = Fit(ml);
        var mlp = ((IEnumerable<ITransformer>)model).OfType<MlpPredictionTransformer>().Single();
        var importance = ml.BinaryClassification.PermutationFeatureImportance(mlp, model.Transform(TaskData.Load(ml, Test)), labelColumnName: "Positive", permutationCount: 1);
        double[] drop = importance.Select(m => -m.AreaUnderRocCurve.Mean).ToArray();
        Assert.IsGreaterThan(Math.Max(drop[2], drop[3]) + 0.05, drop[0], $"AUC drops {string.Join(", ", drop)}");
        Assert.IsGreaterThan(Math.Max(drop[2], drop[3]) + 0.05, drop[1]);
    }

    [TestMethod]
    public void Binary_Model_HasOneLogitAndValidationAccuracy()
    {
        var ml = new MLContext(seed: 0);
        var trainer = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            LabelColumnName = "Positive", HiddenLayerSizes = [8], MaximumNumberOfEpochs = 5, ValidationFraction = 0.2f, RefitMaximumRows = 0, EnsembleSize = 1, ClassWeighting = ClassWeighting.Balanced,
        });
        var mlp = TaskData.Mlp(TaskData.Pipeline(ml, trainer).Fit(TaskData.Load(ml, Train)));
        Assert.AreEqual(MlpTask.Binary, mlp.Task);
        Assert.AreEqual(1, mlp.Architecture.OutputSize);
        Assert.IsTrue(mlp.History.All(h => h.ValidationAccuracy > 0.5 && h.ValidationRmse is null));
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }
}
