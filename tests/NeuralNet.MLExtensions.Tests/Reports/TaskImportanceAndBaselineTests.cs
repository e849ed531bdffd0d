using System.Text.Json;
using Microsoft.ML;
using NeuralNet.MLExtensions.Reports;

namespace NeuralNet.MLExtensions.Tests.Reports;

/// <summary>
/// Permutation feature importance and the baseline comparison of binary and regression reports: the informative feature
/// ranks first, the baseline's figures are ML.NET's evaluator's, both appear in HTML, Markdown and JSON, and a baseline
/// whose columns do not fit the task is refused.
/// </summary>
[TestClass]
public sealed class TaskImportanceAndBaselineTests
{
    private static MLContext Ml => OneSignalData.Ml;

    private static EvaluationReport Report(ITransformer model, string label, ITransformer? baseline = null, bool importance = false) =>
        EvaluationReport.Create(Ml, model, OneSignalData.Test, label,
            new EvaluationReportOptions { PermutationFeatureImportance = importance, Baseline = baseline, BaselineName = "Linear baseline" });

    [TestMethod]
    public void BinaryReport_PermutationFeatureImportance_RanksTheInformativeFeatureFirstByAucDrop()
    {
        var report = Report(OneSignalData.BinaryMlp, "Positive", importance: true);
        var importance = report.FeatureImportance!;
        Assert.HasCount(4, importance);
        Assert.AreEqual(OneSignalData.InformativeFeature, importance[0].Feature, string.Join(", ", importance));
        Assert.AreEqual("fall in AUC", importance[0].Metric);
        Assert.IsGreaterThan(importance[1].Importance + 0.2, importance[0].Importance, "shuffling the signal costs much AUC, noise little");
        CheckRendered(report, "Fall in AUC");
    }

    [TestMethod]
    public void RegressionReport_PermutationFeatureImportance_RanksTheInformativeFeatureFirstByRmseRise()
    {
        var report = Report(OneSignalData.RegressionMlp, "Target", importance: true);
        var importance = report.FeatureImportance!;
        Assert.HasCount(4, importance);
        Assert.AreEqual(OneSignalData.InformativeFeature, importance[0].Feature, string.Join(", ", importance));
        Assert.AreEqual("rise in RMSE", importance[0].Metric);
        Assert.IsGreaterThan(importance[1].Importance + 2, importance[0].Importance, "the target spans ±20, so shuffling x₂ costs RMSE in units");
        CheckRendered(report, "Rise in RMSE");
    }

    private static void CheckRendered(EvaluationReport report, string metric)
    {
        StringAssert.Contains(report.ToHtml(), $"<th>{metric}</th>");
        StringAssert.Contains(report.ToHtml(), "<h2>Permutation feature importance</h2>");
        using var json = JsonDocument.Parse(report.ToJson());
        var first = json.RootElement.GetProperty("feature_importance")[0];
        Assert.AreEqual(OneSignalData.InformativeFeature, first.GetProperty("feature").GetString());
        Assert.AreEqual(report.FeatureImportance![0].Importance, first.GetProperty("importance").GetDouble());
        string folder = Path.Combine(Path.GetTempPath(), "nn-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(folder, "report.md");
            Directory.CreateDirectory(folder);
            report.WriteMarkdown(path);
            StringAssert.Contains(File.ReadAllText(path), "feature-importance.png");
            Assert.IsTrue(File.Exists(Path.Combine(folder, "report_images", "feature-importance.png")));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [TestMethod]
    public void BinaryReport_Baseline_FiguresEqualMlNetEvaluateOfTheBaseline()
    {
        var report = Report(OneSignalData.BinaryMlp, "Positive", OneSignalData.BinaryBaseline);
        var expected = Ml.BinaryClassification.Evaluate(OneSignalData.BinaryBaseline.Transform(OneSignalData.Test), "Positive");
        var b = report.Baseline!.Binary!;
        Assert.AreEqual("Linear baseline", report.Baseline.Name);
        Assert.IsNull(report.Baseline.Metrics);
        Assert.IsNull(report.Baseline.Regression);
        Assert.AreEqual(expected.AreaUnderRocCurve, b.AreaUnderRocCurve);
        Assert.AreEqual(expected.AreaUnderPrecisionRecallCurve, b.AreaUnderPrecisionRecallCurve);
        Assert.AreEqual(expected.F1Score, b.F1Score);
        Assert.AreEqual(expected.Accuracy, b.Accuracy);
        Assert.AreEqual(expected.LogLoss, b.LogLoss);
        Assert.AreNotEqual(report.Binary!.LogLoss, b.LogLoss, "the baseline's own figures, not the MLP's");
        Assert.AreEqual(200L, b.Rows);

        string html = report.ToHtml();
        StringAssert.Contains(html, "<h2>Against the baseline</h2>");
        StringAssert.Contains(html, $"<tr><td>AUC</td><td>{Fixed(report.Binary.AreaUnderRocCurve)}</td><td>{Fixed(expected.AreaUnderRocCurve)}</td>");
        StringAssert.Contains(Markdown(report), $"| Log-loss | {Fixed(report.Binary.LogLoss)} | {Fixed(expected.LogLoss)} |");
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.AreEqual(expected.AreaUnderRocCurve, json.RootElement.GetProperty("baseline").GetProperty("binary").GetProperty("area_under_roc_curve").GetDouble());
    }

    [TestMethod]
    public void RegressionReport_Baseline_FiguresEqualMlNetEvaluateOfTheBaseline()
    {
        var report = Report(OneSignalData.RegressionMlp, "Target", OneSignalData.RegressionBaseline);
        var expected = Ml.Regression.Evaluate(OneSignalData.RegressionBaseline.Transform(OneSignalData.Test), "Target");
        var r = report.Baseline!.Regression!;
        Assert.IsNull(report.Baseline.Binary);
        Assert.AreEqual(expected.RootMeanSquaredError, r.RootMeanSquaredError);
        Assert.AreEqual(expected.MeanAbsoluteError, r.MeanAbsoluteError);
        Assert.AreEqual(expected.RSquared, r.RSquared);
        Assert.AreEqual(expected.MeanSquaredError, r.MeanSquaredError);
        Assert.AreNotEqual(report.Regression!.RootMeanSquaredError, r.RootMeanSquaredError, "the baseline's own figures, not the MLP's");

        StringAssert.Contains(report.ToHtml(), $"<tr><td>RMSE</td><td>{Fixed(report.Regression.RootMeanSquaredError)}</td><td>{Fixed(expected.RootMeanSquaredError)}</td>");
        StringAssert.Contains(Markdown(report), $"| R² | {Fixed(report.Regression.RSquared)} | {Fixed(expected.RSquared)} |");
        using var json = JsonDocument.Parse(report.ToJson());
        Assert.AreEqual(expected.MeanAbsoluteError, json.RootElement.GetProperty("baseline").GetProperty("regression").GetProperty("mean_absolute_error").GetDouble());
    }

    [TestMethod]
    public void BinaryReport_Baseline_WithoutProbabilityOrWithVectorScore_NamesTheOptionAndTheFix()
    {
        var train = Ml.Data.LoadFromEnumerable(OneSignalData.Rows(200, 13));
        var perceptron = OneSignalData.Pipeline(Ml, Ml.BinaryClassification.Trainers.AveragedPerceptron(labelColumnName: "Positive", numberOfIterations: 2)).Fit(train);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Report(OneSignalData.BinaryMlp, "Positive", perceptron));
        StringAssert.Contains(error.Message, "EvaluationReportOptions.Baseline must output a 'Probability' column for a binary model");
        StringAssert.Contains(error.Message, "Calibrators.Platt()");
        StringAssert.Contains(error.Message, "EvaluateNonCalibrated");

        var multiclass = Ml.Transforms.Conversion.MapValueToKey("KindKey", "Kind")
            .Append(OneSignalData.Pipeline(Ml, Ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(labelColumnName: "KindKey"))).Fit(train);
        error = Assert.ThrowsExactly<ArgumentException>(() => Report(OneSignalData.BinaryMlp, "Positive", multiclass));
        StringAssert.Contains(error.Message, "EvaluationReportOptions.Baseline must output a Single 'Score' column for a binary model; got Vector<Single, 3> (a multiclass model's scores)");
    }

    [TestMethod]
    public void RegressionReport_Baseline_Classifier_NamesTheOptionAndTheFix()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => Report(OneSignalData.RegressionMlp, "Target", OneSignalData.BinaryBaseline));
        StringAssert.Contains(error.Message, "EvaluationReportOptions.Baseline outputs a 'PredictedLabel' column, so it is a classifier");
        StringAssert.Contains(error.Message, "Regression.Trainers.Sdca");
    }

    private static string Fixed(double value) => value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);

    private static string Markdown(EvaluationReport report)
    {
        string folder = Path.Combine(Path.GetTempPath(), "nn-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, "report.md");
            report.WriteMarkdown(path);
            return File.ReadAllText(path);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
