using NeuralNet.MLExtensions.Tests.Engine;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Reports;
using NeuralNet.MLExtensions.Tests.Reports;
using NeuralNet.MLExtensions.Tests.Tasks;
using NeuralNet.MLExtensions.Transforms;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// An ensemble (EnsembleSize 4) through ML.NET: it reaches the default options' accuracy floors, saves and loads with identical scores for the three tasks, the
/// hidden-layer transform gives the members' mean activation, the report and the summary describe it, and the option
/// is validated under its own name.
/// </summary>
[TestClass]
public sealed class MlpTrainerEnsembleTests
{
    private sealed class Scores
    {
        public float[] Score { get; set; } = [];
    }

    private sealed class Score1
    {
        public float Score { get; set; }
    }

    private sealed class HiddenRow
    {
        public float[] Hidden { get; set; } = [];
    }

    private static ITransformer SavedAndLoaded(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        stream.Position = 0;
        return ml.Model.Load(stream, out _);
    }

    [TestMethod]
    public void MlpTrainer_Ensemble_SaveLoad_GivesIdenticalScores()
    {
        var ml = new MLContext(seed: 0);
        var train = MlNetData.Load(ml, "iris_train.csv");
        var test = MlNetData.Load(ml, "iris_test.csv");
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
        {
            EnsembleSize = 4, HiddenLayerSizes = [16], MaximumNumberOfEpochs = 30, ValidationFraction = 0.2f,
        })).Fit(train);
        Assert.AreEqual(4, MlNetData.Mlp(model).Architecture.EnsembleSize);
        var loaded = SavedAndLoaded(ml, model, train.Schema);
        Assert.AreEqual(4, MlNetData.Mlp(loaded).Architecture.EnsembleSize);
        var before = ml.Data.CreateEnumerable<Scores>(model.Transform(test), reuseRowObject: false).SelectMany(s => s.Score).ToArray();
        var after = ml.Data.CreateEnumerable<Scores>(loaded.Transform(test), reuseRowObject: false).SelectMany(s => s.Score).ToArray();
        CollectionAssert.AreEqual(before, after);
    }

    // The product's floors for the default options (MlpTrainerAccuracyTests), with four members. Iris's and wine's
    // test sets are small (38 and 45 rows: one row is 2.6 and 2.2 points), so their floor holds for the mean over three
    // seeds; digits (450 rows) takes one.
    [TestMethod]
    [DataRow("iris", 0.95, 3)]
    [DataRow("wine", 0.95, 3)]
    [DataRow("digits", 0.97, 1)]
    public void MlpTrainer_Fit_FourMemberEnsemble_ReachesAccuracyFloor(string dataSet, double floor, int seeds)
    {
        double sum = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var ml = new MLContext(seed: seed);
            var metrics = MlNetData.TrainAndEvaluate(ml, dataSet, ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { EnsembleSize = 4 }));
            Console.WriteLine($"{dataSet} seed {seed}: micro accuracy {metrics.MicroAccuracy:F4}, log-loss {metrics.LogLoss:F4}");
            sum += metrics.MicroAccuracy;
        }
        Assert.IsGreaterThanOrEqualTo(floor, sum / seeds);
    }

    [TestMethod]
    public void MlpBinaryAndRegressionTrainers_Ensemble_SaveLoad_GiveIdenticalScores()
    {
        var ml = new MLContext(seed: 0);
        var rows = TaskData.Rows(300, 11);
        var train = TaskData.Load(ml, rows);
        var test = TaskData.Load(ml, TaskData.Rows(60, 12));
        var binary = TaskData.Pipeline(ml, ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            LabelColumnName = "Positive", EnsembleSize = 4, HiddenLayerSizes = [16], MaximumNumberOfEpochs = 5,
        })).Fit(train);
        var regression = TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            LabelColumnName = "Target", EnsembleSize = 4, HiddenLayerSizes = [16], MaximumNumberOfEpochs = 5,
        })).Fit(train);
        foreach (var model in new[] { binary, regression })
        {
            Assert.AreEqual(4, TaskData.Mlp(model).Architecture.EnsembleSize);
            var loaded = SavedAndLoaded(ml, model, train.Schema);
            var before = ml.Data.CreateEnumerable<Score1>(model.Transform(test), reuseRowObject: false).Select(s => s.Score).ToArray();
            var after = ml.Data.CreateEnumerable<Score1>(loaded.Transform(test), reuseRowObject: false).Select(s => s.Score).ToArray();
            CollectionAssert.AreEqual(before, after);
        }
    }

    [TestMethod]
    public void MlpHiddenLayer_Ensemble_GivesTheMembersMeanActivation()
    {
        var ml = new MLContext(seed: 0);
        var model = MlNetData.Mlp(MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
        {
            EnsembleSize = 3, HiddenLayerSizes = [6], Activation = [NeuralNet.MLExtensions.Engine.Activation.Tanh], MaximumNumberOfEpochs = 10,
        })).Fit(MlNetData.Load(ml, "iris_train.csv")));
        var data = MlNetData.Load(ml, "iris_test.csv");
        var rows = ml.Data.CreateEnumerable<HiddenRow>(ml.Transforms.MlpHiddenLayer(model, 0, "Hidden").Fit(data).Transform(data), reuseRowObject: false).ToArray();
        var test = TabularData.Load("iris_test.csv");
        var w = model.GetWeights(0);
        var b = model.GetBiases(0);
        var a = model.Architecture;
        Assert.IsTrue(a.Embedding is { IsPiecewiseLinear: true }, "the defaults encode iris' features");
        double[] theta = model.Network.Parameters.ToArray().Select(v => (double)v).ToArray();
        for (int r = 0; r < test.Rows; r++)
        {
            var x = test.Features.AsSpan(r * 4, 4).ToArray();
            model.Standardizer!.Apply(x, x);
            // The members scale the first layer's inputs: the features, then their piecewise-linear bins.
            double[] input = ReferenceInputStage.Apply(a.Embedding, theta, (int)(a.WeightCount + a.BiasCount), x.Select(v => (double)v).ToArray());
            Assert.HasCount(6, rows[r].Hidden);
            for (int u = 0; u < 6; u++)
            {
                double mean = 0;
                for (int m = 0; m < 3; m++)
                {
                    float[] scale = model.Network.GetMemberScales(m);
                    Assert.HasCount(input.Length, scale);
                    double z = b[u];
                    for (int i = 0; i < input.Length; i++) z += w[u, i] * (double)(float)(input[i] * scale[i]);
                    mean += Math.Tanh(z) / 3;
                }
                Assert.AreEqual(mean, rows[r].Hidden[u], 1e-5, $"row {r} unit {u}");
            }
        }
    }

    [TestMethod]
    public void EvaluationReportAndSummary_Ensemble_DescribeTheMembersAndCountTheirParameters()
    {
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options { Seed = 3, HiddenLayerSizes = [8], MaximumNumberOfEpochs = 20, EnsembleSize = 4, NumericEmbedding = NeuralNet.MLExtensions.Engine.NumericEmbeddingKind.None };
        var model = IrisSpecies.Features(ml).Append(new MlpTrainer(ml, options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"))
            .Fit(IrisSpecies.Load(ml, "iris_train.csv"));
        var report = EvaluationReport.Create(ml, model, IrisSpecies.Load(ml, "iris_test.csv"), "Label", new EvaluationReportOptions { TrainingOptions = options });
        var description = report.Model!;
        // 4 scales × 4 features; hidden 4→8 (40); 4 heads of 8→3 (4 × 27).
        Assert.AreEqual(16 + 40 + 4 * 27, description.ParameterCount);
        Assert.AreEqual(description.ParameterCount, description.Layers.Sum(l => l.Parameters));
        StringAssert.Contains(description.Layers[0].Name, "4 members");
        StringAssert.Contains(description.Layers[^1].Name, "4 heads");
        StringAssert.Contains(description.Summary, "Total parameters: 164 (128 weights, 20 biases, 16 member scales)");
        StringAssert.Contains(description.Summary, "4 members share the hidden layers");
        Assert.IsTrue(description.TrainingOptions.Any(o => o.Key == "EnsembleSize" && o.Value == "4"));
        Assert.AreEqual(38, report.Metrics.Rows);
    }

    [TestMethod]
    public void EvaluationReport_DefaultEnsembleWithPiecewiseLinearEncoding_ListsTheInputStageAndCountsEveryParameter()
    {
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options { Seed = 3, HiddenLayerSizes = [8], MaximumNumberOfEpochs = 5 };
        var model = IrisSpecies.Features(ml).Append(new MlpTrainer(ml, options))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"))
            .Fit(IrisSpecies.Load(ml, "iris_train.csv"));
        var report = EvaluationReport.Create(ml, model, IrisSpecies.Load(ml, "iris_test.csv"), "Label", new EvaluationReportOptions { TrainingOptions = options });
        var description = report.Model!;
        int width = description.Layers[0].Outputs;
        StringAssert.Contains(description.Layers[0].Name, "piecewise-linear");
        Assert.AreEqual(4, description.Layers[0].Inputs);
        Assert.IsGreaterThan(4, width);
        StringAssert.Contains(description.Layers[1].Name, "8 members");
        Assert.AreEqual(8L * width, description.Layers[1].Parameters);
        Assert.AreEqual(width, description.Layers[2].Inputs);
        Assert.AreEqual(description.ParameterCount, description.Layers.Sum(l => l.Parameters));
        StringAssert.Contains(description.Summary, "Piecewise-linear encoding");
        // The gradient-norm chart labels its one line per dense layer with the dense layers' names.
        CollectionAssert.AreEqual(new[] { "Hidden 1", "Output (8 heads, mean probability)" }, NeuralNet.MLExtensions.Reports.Charts.ReportCharts.DenseLayerNames(description));
        Assert.AreEqual(2, report.History[^1].LayerGradientNorms.Count);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(65)]
    public void MlpTrainer_EnsembleSizeOutOfRange_IsRefusedNamingTheOption(int k)
    {
        var ml = new MLContext(seed: 0);
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { EnsembleSize = k })).Fit(MlNetData.Load(ml, "iris_train.csv")));
        Assert.AreEqual("EnsembleSize", error.ParamName);
        StringAssert.Contains(error.Message, $"EnsembleSize must be in 1..64 (1 is a single network); got {k}.");
        Assert.IsFalse(error.Message.Contains("MlpTrainingSettings"), error.Message);
    }
}
