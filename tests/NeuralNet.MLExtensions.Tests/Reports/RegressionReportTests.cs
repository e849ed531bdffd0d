using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports;
using NeuralNet.MLExtensions.Tests.Tasks;

namespace NeuralNet.MLExtensions.Tests.Reports;

/// <summary>The evaluation report of a regression model: numbers recomputed from the scored rows, charts, task detection.</summary>
[TestClass]
public sealed class RegressionReportTests
{
    [TestMethod]
    public void RegressionReport_Create_RmseMaeR2EqualRecomputationFromScoredRows()
    {
        var rows = TaskReportData.RegressionRows();
        var r = TaskReportData.Regression.Regression!;
        Assert.AreEqual(MlpTask.Regression, TaskReportData.Regression.Task);
        Assert.HasCount(200, rows);
        Assert.AreEqual(200L, r.Rows);
        var errors = rows.Select(x => (double)x.Score - x.Target).ToArray();
        double mse = errors.Average(e => e * e);
        double mean = rows.Average(x => (double)x.Target);
        double total = rows.Sum(x => (x.Target - mean) * (x.Target - mean));
        Assert.AreEqual(Math.Sqrt(mse), r.RootMeanSquaredError, 1e-6 * Math.Sqrt(mse));
        Assert.AreEqual(mse, r.MeanSquaredError, 1e-6 * mse);
        Assert.AreEqual(errors.Average(Math.Abs), r.MeanAbsoluteError, 1e-6 * r.MeanAbsoluteError);
        Assert.AreEqual(1 - errors.Sum(e => e * e) / total, r.RSquared, 1e-6);
        Assert.IsGreaterThan(0.8, r.RSquared, "the trained model explains most of the target");
        Assert.IsLessThan(1.0, r.RSquared, "not a perfect fit, so 1 = 1 proves nothing");
    }

    [TestMethod]
    public void RegressionReport_Create_HasNoClassificationParts()
    {
        var report = TaskReportData.Regression;
        Assert.IsNull(report.Binary);
        Assert.IsEmpty(report.Classes);
        Assert.IsEmpty(report.ConfusionCounts);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => report.Metrics);
        StringAssert.Contains(error.Message, "read Regression");
        Assert.ThrowsExactly<InvalidOperationException>(() => report.Calibration);
        Assert.AreEqual("identity", report.Model!.Layers[^1].Activation);
        Assert.IsTrue(report.History.All(e => e.ValidationRmse is > 0), "trained with validation data");
    }

    [TestMethod]
    public void RegressionReport_ToHtml_HasPredictionChartsAndCurves()
    {
        string html = TaskReportData.Regression.ToHtml();
        foreach (var heading in new[] { "Model", "Predictions", "Training curves" }) StringAssert.Contains(html, $"<h2>{heading}</h2>");
        Assert.DoesNotContain("<h2>Calibration</h2>", html);
        Assert.DoesNotContain("<h2>Per class</h2>", html);
        foreach (var alt in new[] { "Predicted against actual", "Residual histogram", "Residuals against predicted", "Loss", "Validation RMSE" })
            StringAssert.Contains(html, $"<img alt=\"{alt}\"");
        StringAssert.Contains(html, "<code>Regression.Evaluate</code>");
        StringAssert.Contains(html, TaskReportData.Regression.Regression!.RootMeanSquaredError.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
        StringAssert.Contains(html, "<span>LabelColumnName</span> <b>Target</b>");
        var images = PngImages.FromHtml(html);
        // Three prediction charts; loss, validation RMSE, learning rate, gradient norms.
        Assert.HasCount(7, images);
        foreach (var png in images) PngImages.Decode(png);
        ReportOutput.Keep("regression.html", html);
    }

    [TestMethod]
    public void RegressionReport_WriteMarkdownAndJson_HoldTheRegressionNumbers()
    {
        var report = TaskReportData.Regression;
        var (md, images, json) = ReportOutput.WriteAll(report, "regression");
        StringAssert.Contains(md, "| RMSE | " + report.Regression!.RootMeanSquaredError.ToString("F4", System.Globalization.CultureInfo.InvariantCulture) + " |");
        StringAssert.Contains(md, "![Predicted against actual](report_images/predicted-actual.png)");
        Assert.HasCount(7, images);
        var root = json.RootElement;
        Assert.AreEqual("regression", root.GetProperty("task").GetString());
        var r = root.GetProperty("regression");
        Assert.AreEqual(report.Regression.RootMeanSquaredError, r.GetProperty("root_mean_squared_error").GetDouble());
        Assert.AreEqual(report.Regression.MeanAbsoluteError, r.GetProperty("mean_absolute_error").GetDouble());
        Assert.AreEqual(report.Regression.RSquared, r.GetProperty("r_squared").GetDouble());
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, root.GetProperty("metrics").ValueKind);
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, root.GetProperty("binary").ValueKind);
        Assert.AreEqual(report.History[^1].ValidationRmse!.Value, root.GetProperty("history")[report.History.Count - 1].GetProperty("validation_rmse").GetDouble());
    }

    [TestMethod]
    public void RegressionReport_Create_WithoutMlp_DetectsTheTaskFromTheScoredSchema()
    {
        var ml = new MLContext(seed: 0);
        var model = TaskData.Pipeline(ml, ml.Regression.Trainers.Sdca(labelColumnName: "Target", maximumNumberOfIterations: 20)).Fit(TaskData.Load(ml, TaskData.Rows(300, 3)));
        var report = EvaluationReport.Create(ml, model, TaskData.Load(ml, TaskData.Rows(100, 4)), "Target");
        Assert.AreEqual(MlpTask.Regression, report.Task);
        Assert.IsNull(report.Model);
        Assert.IsGreaterThan(0.0, report.Regression!.RootMeanSquaredError);
        Assert.HasCount(3, PngImages.FromHtml(report.ToHtml()), "the three prediction charts, no training curves");
    }

    [TestMethod]
    public void RegressionReport_Create_BaselineOrBooleanLabel_NamesTheProblem()
    {
        var ml = TaskReportData.Ml;
        var error = Assert.ThrowsExactly<ArgumentException>(() => EvaluationReport.Create(ml, TaskReportData.RegressionModel, TaskReportData.Test, "Target",
            new EvaluationReportOptions { Baseline = TaskReportData.BinaryModel }));
        StringAssert.Contains(error.Message, "EvaluationReportOptions.Baseline outputs a 'PredictedLabel' column, so it is a classifier; the model is a regression model");
        error = Assert.ThrowsExactly<ArgumentException>(() => EvaluationReport.Create(ml, TaskReportData.RegressionModel, TaskReportData.Test, "Positive"));
        StringAssert.Contains(error.Message, "Label column 'Positive': expected Single for a regression model, got Boolean");
    }
}
