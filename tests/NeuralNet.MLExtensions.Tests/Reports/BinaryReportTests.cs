using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Reports;
using NeuralNet.MLExtensions.Tests.Tasks;

namespace NeuralNet.MLExtensions.Tests.Reports;

/// <summary>The evaluation report of a binary model: AUC, curves, thresholds and calibration recomputed from the scored rows.</summary>
[TestClass]
public sealed class BinaryReportTests
{
    /// <summary>AUC by the rank formula: over every (positive, negative) pair, 1 when the positive scores higher, ½ on a tie.</summary>
    private static double RankAuc(IReadOnlyList<(bool Positive, double Value)> rows)
    {
        var positives = rows.Where(r => r.Positive).Select(r => r.Value).ToArray();
        var negatives = rows.Where(r => !r.Positive).Select(r => r.Value).ToArray();
        double wins = positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0.0));
        return wins / ((double)positives.Length * negatives.Length);
    }

    [TestMethod]
    public void BinaryReport_Create_AucEqualsRankFormula()
    {
        var rows = TaskReportData.BinaryRows();
        var b = TaskReportData.Binary.Binary!;
        Assert.AreEqual(MlpTask.Binary, TaskReportData.Binary.Task);
        Assert.AreEqual(200L, b.Rows);
        Assert.AreEqual((long)rows.Count(r => r.Positive), b.Positives);
        // ML.NET ranks by Score; the report's ROC curve by Probability (the same order except where float sigmoids tie).
        double byScore = RankAuc(rows.Select(r => (r.Positive, (double)r.Score)).ToArray());
        Assert.AreEqual(byScore, b.AreaUnderRocCurve, 1e-9, "ML.NET's AUC");
        double byProbability = RankAuc(rows.Select(r => (r.Positive, (double)r.Probability)).ToArray());
        Assert.AreEqual(byProbability, TrapezoidArea(b.RocCurve), 1e-12, "the area under the report's ROC points");
        Assert.IsGreaterThan(0.8, byScore);
        Assert.IsLessThan(1.0, byScore, "a model with mistakes, so the ranking is tested");
    }

    private static double TrapezoidArea(IReadOnlyList<CurvePoint> curve) =>
        Enumerable.Range(1, curve.Count - 1).Sum(i => (curve[i].X - curve[i - 1].X) * (curve[i].Y + curve[i - 1].Y) / 2);

    [TestMethod]
    public void BinaryReport_Curves_RunFromEndpointToEndpoint()
    {
        var b = TaskReportData.Binary.Binary!;
        Assert.AreEqual(new CurvePoint(0, 0, double.PositiveInfinity), b.RocCurve[0]);
        Assert.AreEqual((1.0, 1.0), (b.RocCurve[^1].X, b.RocCurve[^1].Y));
        for (int i = 1; i < b.RocCurve.Count; i++)
        {
            Assert.IsGreaterThanOrEqualTo(b.RocCurve[i - 1].X, b.RocCurve[i].X, $"ROC point {i}");
            Assert.IsGreaterThanOrEqualTo(b.RocCurve[i - 1].Y, b.RocCurve[i].Y, $"ROC point {i}");
            Assert.IsLessThan(b.RocCurve[i - 1].Threshold, b.RocCurve[i].Threshold, $"thresholds fall along the curve, point {i}");
        }
        Assert.AreEqual((0.0, 1.0), (b.PrecisionRecallCurve[0].X, b.PrecisionRecallCurve[0].Y));
        Assert.AreEqual(1.0, b.PrecisionRecallCurve[^1].X);
        Assert.AreEqual((double)b.Positives / b.Rows, b.PrecisionRecallCurve[^1].Y, 1e-12, "everything predicted true: precision is the share of positives");
        Assert.IsGreaterThan(10, b.RocCurve.Count, "one point per distinct probability");
    }

    [TestMethod]
    public void BinaryReport_Thresholds_CountsEqualRecomputationFromScoredRows()
    {
        var rows = TaskReportData.BinaryRows();
        var b = TaskReportData.Binary.Binary!;
        CollectionAssert.AreEqual(new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 }, b.Thresholds.Select(t => t.Threshold).ToArray());
        foreach (var t in b.Thresholds)
        {
            long tp = rows.Count(r => r.Positive && r.Probability > t.Threshold), fp = rows.Count(r => !r.Positive && r.Probability > t.Threshold);
            long fn = rows.Count(r => r.Positive && r.Probability <= t.Threshold), tn = rows.Count(r => !r.Positive && r.Probability <= t.Threshold);
            Assert.AreEqual((tp, fp, tn, fn), (t.TruePositives, t.FalsePositives, t.TrueNegatives, t.FalseNegatives), $"threshold {t.Threshold}");
            double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp), recall = (double)tp / (tp + fn);
            Assert.AreEqual(precision, t.Precision, 1e-12);
            Assert.AreEqual(recall, t.Recall, 1e-12);
            Assert.AreEqual(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall), t.F1, 1e-12);
            Assert.AreEqual((tp + tn) / 200.0, t.Accuracy, 1e-12);
        }
        Assert.IsGreaterThan(2, b.Thresholds.Select(t => t.TruePositives).Distinct().Count(), "the thresholds cut the rows differently");
    }

    [TestMethod]
    public void BinaryReport_ConfusionAtOneHalf_IsMlNetsPredictedLabel()
    {
        var rows = TaskReportData.BinaryRows();
        var report = TaskReportData.Binary;
        long Count(bool actual, bool predicted) => rows.Count(r => r.Positive == actual && r.PredictedLabel == predicted);
        Assert.AreEqual(Count(false, false), report.ConfusionCounts[0][0]);
        Assert.AreEqual(Count(false, true), report.ConfusionCounts[0][1]);
        Assert.AreEqual(Count(true, false), report.ConfusionCounts[1][0]);
        Assert.AreEqual(Count(true, true), report.ConfusionCounts[1][1]);
        CollectionAssert.AreEqual(new[] { "false", "true" }, report.Classes.Select(c => c.Name).ToArray());
        var b = report.Binary!;
        Assert.AreEqual(b.PositivePrecision, report.Classes[1].Precision, 1e-9, "ML.NET's precision at PredictedLabel");
        Assert.AreEqual(b.PositiveRecall, report.Classes[1].Recall, 1e-9);
        Assert.AreEqual(b.F1Score, report.Classes[1].F1, 1e-9);
        Assert.AreEqual(rows.Count(r => r.Positive == r.PredictedLabel) / 200.0, b.Accuracy, 1e-12);
        Assert.AreEqual("sigmoid", report.Model!.Layers[^1].Activation);
    }

    [TestMethod]
    public void BinaryReport_ChosenThreshold_SetsTheConfusionMatrixAndJoinsTheTable()
    {
        var report = EvaluationReport.Create(TaskReportData.Ml, TaskReportData.BinaryModel, TaskReportData.Test, "Positive",
            new EvaluationReportOptions { BinaryThreshold = 0.35 });
        var rows = TaskReportData.BinaryRows();
        Assert.HasCount(10, report.Binary!.Thresholds);
        Assert.AreEqual((long)rows.Count(r => r.Positive && r.Probability > 0.35), report.ConfusionCounts[1][1]);
        Assert.AreEqual((long)rows.Count(r => !r.Positive && r.Probability > 0.35), report.ConfusionCounts[0][1]);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => EvaluationReport.Create(TaskReportData.Ml, TaskReportData.BinaryModel, TaskReportData.Test, "Positive",
            new EvaluationReportOptions { BinaryThreshold = 1 }));
    }

    [TestMethod]
    public void BinaryReport_Calibration_BinsProbabilityAgainstShareOfPositives()
    {
        var rows = TaskReportData.BinaryRows();
        var calibration = TaskReportData.Binary.Calibration;
        var bins = rows.GroupBy(r => Math.Clamp((int)Math.Ceiling(r.Probability * 10.0 - 1e-6) - 1, 0, 9)).ToDictionary(g => g.Key, g => g.ToArray());
        double expected = 0;
        for (int b = 0; b < 10; b++)
        {
            var members = bins.GetValueOrDefault(b, []);
            Assert.AreEqual((long)members.Length, calibration.Bins[b].Count, $"bin {b}");
            if (members.Length == 0) continue;
            double share = members.Average(r => r.Positive ? 1.0 : 0.0), mean = members.Average(r => (double)r.Probability);
            Assert.AreEqual(share, calibration.Bins[b].Accuracy, 1e-12, $"bin {b}");
            Assert.AreEqual(mean, calibration.Bins[b].MeanConfidence, 1e-9, $"bin {b}");
            expected += members.Length / 200.0 * Math.Abs(share - mean);
        }
        Assert.AreEqual(expected, calibration.ExpectedCalibrationError, 1e-9);
        Assert.IsGreaterThan(0L, calibration.Bins.Take(5).Sum(b => b.Count), "probabilities below one half are binned too (a top-probability diagram has none)");
    }

    [TestMethod]
    public void BinaryReport_ToHtml_HasCurvesThresholdsAndCalibration()
    {
        string html = TaskReportData.Binary.ToHtml();
        foreach (var heading in new[] { "Model", "ROC and precision-recall", "Confusion matrix", "Thresholds", "Training curves", "Calibration" })
            StringAssert.Contains(html, $"<h2>{heading}</h2>");
        StringAssert.Contains(html, "<code>BinaryClassification.Evaluate</code>");
        StringAssert.Contains(html, "<tr class=\"chosen\"><td>0.500</td>");
        StringAssert.Contains(html, TaskReportData.Binary.Binary!.AreaUnderRocCurve.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
        var images = PngImages.FromHtml(html);
        // ROC, precision-recall, confusion matrix; loss, accuracy, learning rate, gradient norms; reliability.
        Assert.HasCount(8, images);
        foreach (var png in images) PngImages.Decode(png);
        ReportOutput.Keep("binary.html", html);
    }

    [TestMethod]
    public void BinaryReport_WriteMarkdownAndJson_HoldTheBinaryNumbers()
    {
        var report = TaskReportData.Binary;
        var (md, images, json) = ReportOutput.WriteAll(report, "binary");
        StringAssert.Contains(md, "| AUC | " + report.Binary!.AreaUnderRocCurve.ToString("F4", System.Globalization.CultureInfo.InvariantCulture) + " |");
        StringAssert.Contains(md, "| **0.500** |");
        StringAssert.Contains(md, "![ROC curve](report_images/roc.png)");
        Assert.HasCount(8, images);
        var root = json.RootElement;
        Assert.AreEqual("binary", root.GetProperty("task").GetString());
        var b = root.GetProperty("binary");
        Assert.AreEqual(report.Binary.AreaUnderRocCurve, b.GetProperty("area_under_roc_curve").GetDouble());
        Assert.AreEqual(9, b.GetProperty("thresholds").GetArrayLength());
        Assert.AreEqual(report.Binary.Thresholds[4].TruePositives, b.GetProperty("thresholds")[4].GetProperty("true_positives").GetInt64());
        Assert.AreEqual(report.Binary.RocCurve.Count, b.GetProperty("roc_curve").GetArrayLength());
        Assert.AreEqual(report.ConfusionCounts[1][1], root.GetProperty("confusion_matrix").GetProperty("counts")[1][1].GetInt64());
        Assert.AreEqual(report.Calibration.ExpectedCalibrationError, root.GetProperty("expected_calibration_error").GetDouble());
    }

    [TestMethod]
    public void BinaryReport_Create_WithoutMlp_DetectsTheTaskFromTheScoredSchema()
    {
        var ml = new MLContext(seed: 0);
        var model = TaskData.Pipeline(ml, ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Positive")).Fit(TaskData.Load(ml, TaskData.Rows(300, 3)));
        var report = EvaluationReport.Create(ml, model, TaskData.Load(ml, TaskData.Rows(100, 4)), "Positive");
        Assert.AreEqual(MlpTask.Binary, report.Task);
        Assert.IsNull(report.Model);
        Assert.AreEqual(100L, report.Binary!.Rows);
        // Permutation feature importance is of the MLP: without one there is nothing to permute for, so none is computed.
        var withImportance = EvaluationReport.Create(ml, model, TaskData.Load(ml, TaskData.Rows(10, 4)), "Positive",
            new EvaluationReportOptions { PermutationFeatureImportance = true });
        Assert.IsNull(withImportance.FeatureImportance);
    }
}
