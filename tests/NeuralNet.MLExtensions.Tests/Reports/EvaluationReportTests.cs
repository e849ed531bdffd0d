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
    }

    [TestMethod]
    public void EvaluationReport_Create_MetricsEqualMlNetEvaluate()
    {
        var expected = _ml.MulticlassClassification.Evaluate(_model.Transform(_test), topKPredictionCount: 3);
        Assert.AreEqual(expected.MicroAccuracy, _report.Metrics.MicroAccuracy);
        Assert.AreEqual(expected.MacroAccuracy, _report.Metrics.MacroAccuracy);
        Assert.AreEqual(expected.LogLoss, _report.Metrics.LogLoss);
        Assert.AreEqual(expected.LogLossReduction, _report.Metrics.LogLossReduction);
        Assert.AreEqual(expected.TopKAccuracy, _report.Metrics.TopKAccuracy);
        Assert.AreEqual(3, _report.Metrics.TopKPredictionCount);
        Assert.AreEqual(38L, _report.Metrics.Rows);
        Assert.IsGreaterThanOrEqualTo(0.9, _report.Metrics.MicroAccuracy);
    }

    [TestMethod]
    public void EvaluationReport_Create_PerClassFromConfusionMatrix()
    {
        var confusion = _ml.MulticlassClassification.Evaluate(_model.Transform(_test)).ConfusionMatrix;
        // Key order (MapValueToKey by occurrence), as the model's classes and Score slots have them.
        var mlp = ((IEnumerable<ITransformer>)_model).OfType<MlpPredictionTransformer>().Single().Model;
        CollectionAssert.AreEqual(mlp.Classes.Names.ToArray(), _report.Classes.Select(c => c.Name).ToArray());
        CollectionAssert.AreEquivalent(IrisSpecies.Names, _report.Classes.Select(c => c.Name).ToArray());
        for (int c = 0; c < 3; c++)
        {
            var m = _report.Classes[c];
            long predicted = Enumerable.Range(0, 3).Sum(a => (long)confusion.Counts[a][c]);
            long support = (long)confusion.Counts[c].Sum();
            Assert.AreEqual(support, m.Support);
            Assert.AreEqual(confusion.PerClassRecall[c], m.Recall);
            Assert.AreEqual(confusion.PerClassPrecision[c], m.Precision);
            Assert.AreEqual(predicted == 0 ? 0 : confusion.Counts[c][c] / predicted, m.Precision, 1e-12);
            Assert.AreEqual(m.Precision + m.Recall == 0 ? 0 : 2 * m.Precision * m.Recall / (m.Precision + m.Recall), m.F1, 1e-12);
            CollectionAssert.AreEqual(confusion.Counts[c].Select(v => (long)v).ToArray(), _report.ConfusionCounts[c].ToArray());
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
    public void EvaluationReport_Calibration_CountsEveryRowAndEceInRange()
    {
        Assert.AreEqual(38L, _report.Calibration.Rows);
        Assert.AreEqual(38L, _report.Calibration.Bins.Sum(b => b.Count));
        Assert.IsTrue(_report.Calibration.ExpectedCalibrationError is >= 0 and <= 1);
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
