using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.MLExtensions.Tests.Reports;

[TestClass]
public sealed class EvaluationReportTests
{
    private static MLContext _ml = null!;
    private static ITransformer _model = null!;
    private static IDataView _test = null!;
    private static EvaluationReport _report = null!;
    private static ITransformer _weakModel = null!;
    private static EvaluationReport _weakReport = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _ml = new MLContext(seed: 0);
        _model = IrisSpecies.Train(_ml);
        _test = IrisSpecies.Load(_ml, "iris_test.csv");
        var baseline = IrisSpecies.Features(_ml).Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()).Fit(IrisSpecies.Load(_ml, "iris_train.csv"));
        _report = EvaluationReport.Create(_ml, _model, _test, "Label", new EvaluationReportOptions
        {
            TrainingOptions = IrisSpecies.TrainerOptions,
            PermutationFeatureImportance = true,
            PermutationCount = 2,
            Baseline = baseline,
            BaselineName = "LbfgsMaximumEntropy",
        });
        // A barely trained model that makes mistakes of several kinds, so that accuracy, macro accuracy, precision and
        // recall differ and a formula that mixed them up would show (the trained model above is right on every row).
        _weakModel = IrisSpecies.Features(_ml)
            .Append(new MlpTrainer(_ml, new MlpTrainer.Options { Seed = 3, HiddenLayerSizes = [4], MaximumNumberOfEpochs = 1, LearningRate = 0.01f, NumericEmbedding = NeuralNet.MLExtensions.Engine.NumericEmbeddingKind.None }))
            .Fit(IrisSpecies.Load(_ml, "iris_train.csv"));
        _weakReport = EvaluationReport.Create(_ml, _weakModel, _test);
    }

    /// <summary>Both models with their reports.</summary>
    private static (ITransformer Model, EvaluationReport Report)[] Cases => [(_model, _report), (_weakModel, _weakReport)];

    private sealed class Scored
    {
        [KeyType(3)] public uint Label { get; set; }
        public float[] Score { get; set; } = [];
    }

    /// <summary>The test rows as the model scores them: the true class (0-based, key order) and the probabilities.</summary>
    private static (int Truth, float[] P)[] ScoredRows(ITransformer model) =>
        _ml.Data.CreateEnumerable<Scored>(model.Transform(_test), reuseRowObject: false).Select(r => ((int)r.Label - 1, r.Score)).ToArray();

    private static int ArgMax(float[] p) => Array.IndexOf(p, p.Max());

    [TestMethod]
    public void EvaluationReport_Create_MetricsEqualRecomputationFromScoredRows()
    {
        // Each headline metric recomputed by hand from the scored rows, not by asking ML.NET's evaluator again.
        foreach (var (model, report) in Cases) CheckMetrics(ScoredRows(model), report);
        Assert.IsGreaterThanOrEqualTo(0.9, _report.Metrics.MicroAccuracy);
        Console.WriteLine($"weak model: {_weakReport.Metrics}");
        Assert.AreNotEqual(_weakReport.Metrics.MicroAccuracy, _weakReport.Metrics.MacroAccuracy, "the weak model's classes differ in accuracy");
        Assert.IsLessThan(1.0, _weakReport.Metrics.TopKAccuracyForAllK[1], "the weak model sometimes ranks the true class last");
    }

    private static void CheckMetrics((int Truth, float[] P)[] rows, EvaluationReport report)
    {
        Assert.HasCount(38, rows);
        Assert.AreEqual(38L, report.Metrics.Rows);
        Assert.AreEqual(rows.Count(r => ArgMax(r.P) == r.Truth) / 38.0, report.Metrics.MicroAccuracy, 1e-12);
        double macro = Enumerable.Range(0, 3).Average(c => rows.Where(r => r.Truth == c).Average(r => ArgMax(r.P) == c ? 1.0 : 0.0));
        Assert.AreEqual(macro, report.Metrics.MacroAccuracy, 1e-12);
        double logLoss = rows.Average(r => -Math.Log(Math.Max(r.P[r.Truth], 1e-15)));
        Assert.AreEqual(logLoss, report.Metrics.LogLoss, 1e-6);
        // Against always predicting the test set's class frequencies, whose log-loss is their entropy.
        double prior = -Enumerable.Range(0, 3).Select(c => rows.Count(r => r.Truth == c) / 38.0).Sum(f => f * Math.Log(f));
        Assert.AreEqual(1 - logLoss / prior, report.Metrics.LogLossReduction, 1e-6);
        Assert.AreEqual(3, report.Metrics.TopKPredictionCount);
        for (int k = 1; k <= 3; k++)
        {
            double topK = rows.Count(r => r.P.Count(v => v > r.P[r.Truth]) < k) / 38.0;
            Assert.AreEqual(topK, report.Metrics.TopKAccuracyForAllK[k - 1], 1e-12, $"top-{k}");
        }
        Assert.AreEqual(1.0, report.Metrics.TopKAccuracy, "with 3 classes the true class is always among the top 3");
    }

    [TestMethod]
    public void EvaluationReport_Create_PerClassEqualsCountsFromScoredRows()
    {
        // Key order (MapValueToKey by occurrence), as the model's classes and Score slots have them.
        var mlp = ((IEnumerable<ITransformer>)_model).OfType<MlpPredictionTransformer>().Single().Model;
        CollectionAssert.AreEqual(mlp.Classes.Names.ToArray(), _report.Classes.Select(c => c.Name).ToArray());
        CollectionAssert.AreEquivalent(IrisSpecies.Names, _report.Classes.Select(c => c.Name).ToArray());
        foreach (var (model, report) in Cases) CheckPerClass(ScoredRows(model), report);
        Assert.IsTrue(_weakReport.Classes.Any(c => c.Precision != c.Recall), "the weak model's precision and recall differ");
    }

    private static void CheckPerClass((int Truth, float[] P)[] rows, EvaluationReport report)
    {
        for (int c = 0; c < 3; c++)
        {
            var m = report.Classes[c];
            long truePositives = rows.Count(r => r.Truth == c && ArgMax(r.P) == c);
            long predicted = rows.Count(r => ArgMax(r.P) == c), support = rows.Count(r => r.Truth == c);
            Assert.AreEqual(support, m.Support);
            Assert.AreEqual(predicted == 0 ? 0 : (double)truePositives / predicted, m.Precision, 1e-12, $"precision of {m.Name}");
            Assert.AreEqual((double)truePositives / support, m.Recall, 1e-12, $"recall of {m.Name}");
            Assert.AreEqual(m.Precision + m.Recall == 0 ? 0 : 2 * m.Precision * m.Recall / (m.Precision + m.Recall), m.F1, 1e-12);
            for (int p = 0; p < 3; p++)
                Assert.AreEqual(rows.Count(r => r.Truth == c && ArgMax(r.P) == p), report.ConfusionCounts[c][p], $"actual {c}, predicted {p}");
        }
    }

    [TestMethod]
    public void EvaluationReport_ToHtml_HasEverySectionWithClassNames()
    {
        string html = _report.ToHtml();
        foreach (var heading in new[] { "Against the baseline", "Model", "Per class", "Confusion matrix", "Training curves", "Calibration", "Permutation feature importance" })
            StringAssert.Contains(html, $"<h2>{heading}</h2>");
        foreach (var name in IrisSpecies.Names) StringAssert.Contains(html, $"<td>{name}</td>");
        StringAssert.Contains(html, "<span>HiddenLayerSizes</span> <b>[16, 8]</b>");
        StringAssert.Contains(html, "<td>Hidden 2</td><td>[8×16]</td><td>Relu</td><td>136</td>");
        StringAssert.Contains(html, _report.Metrics.MicroAccuracy.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), "the page must not load anything from the network");
    }

    [TestMethod]
    public void EvaluationReport_ToHtml_EveryEmbeddedImageDecodes()
    {
        var images = PngImages.FromHtml(_report.ToHtml());
        // Confusion matrix, loss, learning rate, gradient norms, reliability diagram, feature importance.
        Assert.HasCount(6, images);
        foreach (var png in images)
        {
            var (width, height) = PngImages.Decode(png);
            Assert.IsGreaterThanOrEqualTo(300, width);
            Assert.IsGreaterThanOrEqualTo(300, height);
        }
    }

    [TestMethod]
    public void EvaluationReport_ToJson_NumbersMatchReport()
    {
        using var json = JsonDocument.Parse(_report.ToJson());
        var root = json.RootElement;
        Assert.AreEqual(NeuralNet.MLExtensions.Engine.MlpTask.Multiclass, _report.Task);
        Assert.AreEqual("multiclass", root.GetProperty("task").GetString());
        Assert.AreEqual(JsonValueKind.Null, root.GetProperty("binary").ValueKind);
        Assert.AreEqual(JsonValueKind.Null, root.GetProperty("regression").ValueKind);
        var metrics = root.GetProperty("metrics");
        Assert.AreEqual(_report.Metrics.MicroAccuracy, metrics.GetProperty("micro_accuracy").GetDouble());
        Assert.AreEqual(_report.Metrics.LogLoss, metrics.GetProperty("log_loss").GetDouble());
        Assert.AreEqual(3, root.GetProperty("classes").GetArrayLength());
        Assert.AreEqual(_report.Classes[1].Name, root.GetProperty("classes")[1].GetProperty("name").GetString());
        Assert.AreEqual(_report.Calibration.ExpectedCalibrationError, root.GetProperty("expected_calibration_error").GetDouble());
        Assert.AreEqual(_report.History.Count, root.GetProperty("history").GetArrayLength());
        Assert.AreEqual(4, root.GetProperty("feature_importance").GetArrayLength());
        Assert.AreEqual("LbfgsMaximumEntropy", root.GetProperty("baseline").GetProperty("name").GetString());
    }

    [TestMethod]
    public void EvaluationReport_FeatureImportance_NamesFeaturesAndPetalsLead()
    {
        var importance = _report.FeatureImportance!;
        CollectionAssert.AreEquivalent(new[] { "SepalLength", "SepalWidth", "PetalLength", "PetalWidth" }, importance.Select(f => f.Feature).ToArray());
        Assert.StartsWith("Petal", importance[0].Feature);
    }

    [TestMethod]
    public void EvaluationReport_Calibration_BinsAndEceEqualRecomputationFromScoredRows()
    {
        // Ten bins of the top probability, (0, 0.1] … (0.9, 1]; ECE = Σ (rows in bin / rows) · |accuracy − mean confidence|.
        foreach (var (model, report) in Cases) CheckCalibration(ScoredRows(model), report.Calibration);
    }

    private static void CheckCalibration((int Truth, float[] P)[] rows, CalibrationSummary calibration)
    {
        var bins = rows.GroupBy(r => Math.Clamp((int)Math.Ceiling(r.P.Max() * 10.0) - 1, 0, 9)).ToDictionary(g => g.Key, g => g.ToArray());
        double expected = 0;
        for (int b = 0; b < 10; b++)
        {
            var bin = calibration.Bins[b];
            if (!bins.TryGetValue(b, out var members))
            {
                Assert.AreEqual(0L, bin.Count, $"bin {b}");
                continue;
            }
            double accuracy = members.Average(r => ArgMax(r.P) == r.Truth ? 1.0 : 0.0), confidence = members.Average(r => (double)r.P.Max());
            Assert.AreEqual(members.Length, bin.Count, $"bin {b}");
            Assert.AreEqual(accuracy, bin.Accuracy, 1e-12, $"bin {b}");
            Assert.AreEqual(confidence, bin.MeanConfidence, 1e-9, $"bin {b}");
            expected += members.Length / 38.0 * Math.Abs(accuracy - confidence);
        }
        Assert.AreEqual(38L, calibration.Rows);
        Assert.AreEqual(expected, calibration.ExpectedCalibrationError, 1e-9);
        Assert.IsGreaterThan(0.0, expected, "a trained network is not exactly calibrated, so this is not 0 = 0");
    }

    [TestMethod]
    public void EvaluationReport_WriteMarkdown_WritesImagesBeside()
    {
        string folder = Directory.CreateTempSubdirectory("report-md").FullName;
        try
        {
            string path = Path.Combine(folder, "report.md");
            _report.WriteMarkdown(path);
            string md = File.ReadAllText(path);
            StringAssert.Contains(md, "| versicolor |");
            StringAssert.Contains(md, "![Confusion matrix](report_images/confusion-matrix.png)");
            foreach (var png in Directory.GetFiles(Path.Combine(folder, "report_images"), "*.png")) PngImages.Decode(File.ReadAllBytes(png));
            Assert.HasCount(6, Directory.GetFiles(Path.Combine(folder, "report_images")));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void EvaluationReport_WriteMarkdown_Failing_LeavesNoImagesFolder()
    {
        string folder = Directory.CreateTempSubdirectory("report-md-fail").FullName;
        try
        {
            string path = Path.Combine(folder, "report.md");
            Directory.CreateDirectory(path);   // the Markdown file itself cannot be written
            Assert.Throws<IOException>(() => _report.WriteMarkdown(path));
            CollectionAssert.AreEqual(new[] { path }, Directory.GetFileSystemEntries(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void EvaluationReport_WriteHtml_LeavesOnlyTheFile()
    {
        string folder = Directory.CreateTempSubdirectory("report-html").FullName;
        try
        {
            _report.WriteHtml(Path.Combine(folder, "report.html"));
            CollectionAssert.AreEqual(new[] { "report.html" }, Directory.GetFiles(folder).Select(Path.GetFileName).ToArray());
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void EvaluationReport_Create_UnknownLabel_NamesIt()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => EvaluationReport.Create(_ml, _model, _test, "Species2"));
        StringAssert.Contains(error.Message, "Could not find Label column 'Species2'");
    }
}
