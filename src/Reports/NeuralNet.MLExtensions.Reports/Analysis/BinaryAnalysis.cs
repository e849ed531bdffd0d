using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>ROC and precision-recall curves, and counts at thresholds, from the scored rows' labels and probabilities.</summary>
internal static class BinaryAnalysis
{
    /// <summary>Curves longer than this are thinned (endpoints kept) so that the JSON and the charts stay small.</summary>
    private const int MaximumCurvePoints = 2000;

    public static BinarySummary Summarize(CalibratedBinaryClassificationMetrics m, bool[] positive, double[] probability, double threshold)
    {
        var thresholds = Enumerable.Range(1, 9).Select(t => t / 10.0).Append(threshold).Distinct().Order()
            .Select(t => At(positive, probability, t)).ToArray();
        var (roc, pr) = Curves(positive, probability);
        return new BinarySummary(m.AreaUnderRocCurve, m.AreaUnderPrecisionRecallCurve, m.Accuracy, m.F1Score, m.PositivePrecision,
            m.PositiveRecall, m.LogLoss, m.LogLossReduction, threshold, positive.Length, positive.Count(p => p), thresholds, roc, pr);
    }

    /// <summary>Rows with probability &gt; <paramref name="threshold"/> are predicted positive.</summary>
    public static ThresholdMetrics At(bool[] positive, double[] probability, double threshold)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < positive.Length; i++)
        {
            bool predicted = probability[i] > threshold;
            if (predicted) { if (positive[i]) tp++; else fp++; }
            else { if (positive[i]) fn++; else tn++; }
        }
        double precision = tp + fp > 0 ? (double)tp / (tp + fp) : 0;
        double recall = tp + fn > 0 ? (double)tp / (tp + fn) : 0;
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        double accuracy = positive.Length > 0 ? (double)(tp + tn) / positive.Length : double.NaN;
        return new ThresholdMetrics(threshold, tp, fp, tn, fn, precision, recall, f1, accuracy);
    }

    /// <summary>
    /// Both curves, one point per distinct probability (rows that tie move together, so a tie is a diagonal step), from
    /// the highest probability down: ROC from (0, 0) to (1, 1); precision-recall from (0, 1) to (1, share of positives).
    /// </summary>
    public static (CurvePoint[] Roc, CurvePoint[] PrecisionRecall) Curves(bool[] positive, double[] probability)
    {
        var order = Enumerable.Range(0, positive.Length).OrderByDescending(i => probability[i]).ToArray();
        long positives = positive.Count(p => p), negatives = positive.Length - positives;
        var roc = new List<CurvePoint> { new(0, 0, double.PositiveInfinity) };
        var pr = new List<CurvePoint> { new(0, 1, double.PositiveInfinity) };
        long tp = 0, fp = 0;
        for (int k = 0; k < order.Length;)
        {
            double p = probability[order[k]];
            for (; k < order.Length && probability[order[k]] == p; k++)
                if (positive[order[k]]) tp++; else fp++;
            // The point where every row with probability ≥ p counts as positive.
            roc.Add(new CurvePoint(negatives > 0 ? (double)fp / negatives : 0, positives > 0 ? (double)tp / positives : 0, p));
            pr.Add(new CurvePoint(positives > 0 ? (double)tp / positives : 0, (double)tp / (tp + fp), p));
        }
        if (order.Length == 0) roc.Add(new CurvePoint(1, 1, double.NegativeInfinity));
        return (Thin(roc), Thin(pr));
    }

    /// <summary>Area under a curve by the trapezoid rule over its points in order.</summary>
    public static double Area(IReadOnlyList<CurvePoint> curve)
    {
        double area = 0;
        for (int i = 1; i < curve.Count; i++) area += (curve[i].X - curve[i - 1].X) * (curve[i].Y + curve[i - 1].Y) / 2;
        return area;
    }

    private static CurvePoint[] Thin(List<CurvePoint> points)
    {
        if (points.Count <= MaximumCurvePoints) return points.ToArray();
        double step = (points.Count - 1) / (double)(MaximumCurvePoints - 1);
        return Enumerable.Range(0, MaximumCurvePoints).Select(i => points[(int)Math.Round(i * step)]).ToArray();
    }
}
