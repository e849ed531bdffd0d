using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Tasks;

/// <summary>Regression.Trainers.Mlp with ML.NET's own evaluation, cross-validation, PFI and prediction engine.</summary>
[TestClass]
public sealed class MlpRegressionTrainerTests
{
    private static readonly TaskData.Row[] Train = TaskData.Rows(600, 1), Test = TaskData.Rows(200, 2);

    private static ITransformer Fit(MLContext ml, int epochs = 60) =>
        TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(labelColumnName: "Target", hiddenLayerSizes: [32], maximumNumberOfEpochs: epochs, learningRate: 0.01f))
            .Fit(TaskData.Load(ml, Train));

    [TestMethod]
    public void Regression_Evaluate_LearnsTheSmoothFunction()
    {
        var ml = new MLContext(seed: 0);
        var scored = Fit(ml).Transform(TaskData.Load(ml, Test));
        var metrics = ml.Regression.Evaluate(scored, labelColumnName: "Target");
        Assert.IsGreaterThan(0.95, metrics.RSquared, $"R² {metrics.RSquared}, RMSE {metrics.RootMeanSquaredError}");
        var score = scored.Schema["Score"];
        Assert.AreEqual(NumberDataViewType.Single, score.Type);
        ReadOnlyMemory<char> kind = default;
        score.Annotations.GetValue("ScoreColumnKind", ref kind);
        Assert.AreEqual("Regression", kind.ToString());
    }

    [TestMethod]
    public void Regression_CrossValidate_EveryFoldLearns()
    {
        var ml = new MLContext(seed: 0);
        var trainer = TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(labelColumnName: "Target", hiddenLayerSizes: [16], maximumNumberOfEpochs: 30, learningRate: 0.01f));
        var folds = ml.Regression.CrossValidate(TaskData.Load(ml, Train), trainer, numberOfFolds: 3, labelColumnName: "Target");
        Assert.HasCount(3, folds);
        foreach (var fold in folds) Assert.IsGreaterThan(0.8, fold.Metrics.RSquared);
    }

    [TestMethod]
    public void Regression_PermutationFeatureImportance_RanksTheSignalAboveTheNoise()
    {
        var ml = new MLContext(seed: 0);
        var model = Fit(ml);
        var mlp = ((IEnumerable<ITransformer>)model).OfType<MlpPredictionTransformer>().Single();
        var data = model.Transform(TaskData.Load(ml, Test));
        var importance = ml.Regression.PermutationFeatureImportance(mlp, data, labelColumnName: "Target", permutationCount: 1);
        double[] rise = importance.Select(m => m.RootMeanSquaredError.Mean).ToArray();
        Assert.IsGreaterThan(Math.Max(rise[2], rise[3]) * 5, rise[0], $"RMSE rises {string.Join(", ", rise)}");
        Assert.IsGreaterThan(Math.Max(rise[2], rise[3]) * 5, rise[1]);
    }

    [TestMethod]
    public void Regression_PredictionEngine_MatchesTransform()
    {
        var ml = new MLContext(seed: 0);
        var model = Fit(ml, epochs: 10);
        var scores = ml.Data.CreateEnumerable<Prediction>(model.Transform(TaskData.Load(ml, Test)), reuseRowObject: false).ToArray();
        var engine = ml.Model.CreatePredictionEngine<TaskData.Row, Prediction>(model);
        for (int i = 0; i < 20; i++) Assert.AreEqual(scores[i].Score, engine.Predict(Test[i]).Score, $"row {i}");
    }

    [TestMethod]
    public void Regression_Model_KeepsTheTargetsMeanAndScaleAndRmseHistory()
    {
        var ml = new MLContext(seed: 0);
        var trainer = ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            LabelColumnName = "Target", HiddenLayerSizes = [16], MaximumNumberOfEpochs = 5, ValidationFraction = 0.2f, RefitMaximumRows = 0,
            RegressionLoss = RegressionLossKind.Huber, HuberDelta = 1.5f,
        });
        var mlp = TaskData.Mlp(TaskData.Pipeline(ml, trainer).Fit(TaskData.Load(ml, Train)));
        Assert.AreEqual(MlpTask.Regression, mlp.Task);
        // Fitted on the 80 % of the rows kept for training, so close to, not equal to, the mean of all rows.
        Assert.AreEqual(Train.Average(r => r.Target), mlp.TargetStandardizer!.Mean, 1.0);
        Assert.IsGreaterThan(5.0, mlp.TargetStandardizer.Scale, "the target's spread, in its units");
        Assert.IsTrue(mlp.History.All(h => h.ValidationRmse > 0 && h.ValidationAccuracy is null));
        StringAssert.Contains(mlp.GetSummary(), "MLP regression");
        var rmse = ml.Data.CreateEnumerable<HistoryRow>(mlp.GetHistoryDataView(ml), reuseRowObject: false).Select(h => h.ValidationRmse);
        CollectionAssert.AreEqual(mlp.History.Select(h => h.ValidationRmse!.Value).ToArray(), rmse.ToArray(), "the history view has the RMSE");
    }

    [TestMethod]
    public void Regression_HiddenLayerTransform_GivesTheHiddenActivations()
    {
        var ml = new MLContext(seed: 0);
        var model = Fit(ml, epochs: 5);
        var hidden = ml.Transforms.MlpHiddenLayer(TaskData.Mlp(model), 0, "Hidden").Fit(model.Transform(TaskData.Load(ml, Test)));
        var column = hidden.Transform(model.Transform(TaskData.Load(ml, Test))).Schema["Hidden"];
        Assert.AreEqual(32, ((VectorDataViewType)column.Type).Size);
    }

    private sealed class HistoryRow
    {
        public double ValidationRmse { get; set; }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}
