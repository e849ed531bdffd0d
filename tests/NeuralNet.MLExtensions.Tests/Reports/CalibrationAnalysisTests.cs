using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Reports.Analysis;

namespace NeuralNet.MLExtensions.Tests.Reports;

[TestClass]
public sealed class CalibrationAnalysisTests
{
    private sealed class Row
    {
        [VectorType(2)] public float[] Score { get; set; } = [];
        public float Label { get; set; }
    }

    [TestMethod]
    public void CalibrationAnalysis_Compute_HandWorkedBinsAndEce()
    {
        var ml = new MLContext(seed: 0);
        // Two rows at confidence 0.9 (one right), one at 0.6 (right), one with an unknown label (skipped).
        var data = ml.Data.LoadFromEnumerable(new[]
        {
            new Row { Score = [0.9f, 0.1f], Label = 0 },
            new Row { Score = [0.1f, 0.9f], Label = 0 },
            new Row { Score = [0.4f, 0.6f], Label = 1 },
            new Row { Score = [0.4f, 0.6f], Label = float.NaN },
        });
        var calibration = CalibrationAnalysis.Compute(data, "Label", 10);
        Assert.AreEqual(3L, calibration.Rows);
        Assert.AreEqual(2L, calibration.Bins[8].Count);
        Assert.AreEqual(0.5, calibration.Bins[8].Accuracy, 1e-9);
        Assert.AreEqual(0.9, calibration.Bins[8].MeanConfidence, 1e-6);
        Assert.AreEqual(1L, calibration.Bins[5].Count);
        // ECE = 2/3·|0.5 − 0.9| + 1/3·|1 − 0.6| = 0.4.
        Assert.AreEqual(0.4, calibration.ExpectedCalibrationError, 1e-6);
    }

    private static double Ece(params Row[] rows) =>
        CalibrationAnalysis.Compute(new MLContext(seed: 0).Data.LoadFromEnumerable(rows), "Label", 10).ExpectedCalibrationError;

    [TestMethod]
    public void CalibrationAnalysis_Compute_PerfectlyCalibrated_EceZero()
    {
        // Confidence 0.8 and right 8 times in 10; confidence 0.6 and right 3 times in 5 (once as class 1).
        var rows = Enumerable.Range(0, 10).Select(i => new Row { Score = [0.8f, 0.2f], Label = i < 8 ? 0 : 1 })
            .Concat(Enumerable.Range(0, 5).Select(i => new Row { Score = [0.4f, 0.6f], Label = i < 3 ? 1 : 0 })).ToArray();
        Assert.AreEqual(0.0, Ece(rows), 1e-6);
    }

    [TestMethod]
    public void CalibrationAnalysis_Compute_CertainAndAlwaysWrong_EceOne()
    {
        Assert.AreEqual(1.0, Ece(new Row { Score = [1f, 0f], Label = 1 }, new Row { Score = [0f, 1f], Label = 0 }), 1e-9);
    }

    [TestMethod]
    public void CalibrationAnalysis_Compute_OverconfidentByATenth_EceOneTenth()
    {
        // Confidence 0.9 in every row, right in 8 of 10: ECE = |0.8 − 0.9| = 0.1.
        var rows = Enumerable.Range(0, 10).Select(i => new Row { Score = [0.9f, 0.1f], Label = i < 8 ? 0 : 1 }).ToArray();
        Assert.AreEqual(0.1, Ece(rows), 1e-6);
    }
}
