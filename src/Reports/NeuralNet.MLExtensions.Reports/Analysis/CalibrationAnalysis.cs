using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>
/// The reliability diagram's bins and the expected calibration error: multiclass from the Score and label columns (top
/// probability against accuracy), binary from Probability against the share of positive labels.
/// </summary>
internal static class CalibrationAnalysis
{
    /// <summary>Multiclass: each row's top probability against whether its most probable class is the true one.</summary>
    public static CalibrationSummary Compute(IDataView scored, string labelColumnName, int binCount)
    {
        var score = scored.Schema[MetricsReader.ScoreColumn];
        var label = scored.Schema[labelColumnName];
        var rows = new List<(double, bool)>();
        using (var cursor = scored.GetRowCursor([score, label]))
        {
            var getScore = cursor.GetGetter<VBuffer<float>>(score);
            var getLabel = LabelIndexGetter(cursor, label);
            VBuffer<float> probabilities = default;
            while (cursor.MoveNext())
            {
                int truth = getLabel();
                getScore(ref probabilities);
                var values = probabilities.DenseValues().ToArray();
                if (truth < 0 || truth >= values.Length) continue;
                int best = 0;
                for (int c = 1; c < values.Length; c++) if (values[c] > values[best]) best = c;
                if (double.IsNaN(values[best])) continue;
                rows.Add((values[best], best == truth));
            }
        }
        return Bin(rows, binCount);
    }

    /// <summary>Binary: each row's probability of the positive class against whether it is positive.</summary>
    public static CalibrationSummary ComputeBinary(bool[] positive, double[] probability, int binCount) =>
        Bin(probability.Zip(positive), binCount);

    /// <summary>Equal-width bins of the predicted probability; in each, the mean prediction and the share of hits.</summary>
    private static CalibrationSummary Bin(IEnumerable<(double Probability, bool Hit)> rows, int binCount)
    {
        var count = new long[binCount];
        var confidence = new double[binCount];
        var correct = new long[binCount];
        foreach (var (p, hit) in rows)
        {
            // Bins are (lower, upper]; the tolerance keeps float probabilities such as 0.6f (0.60000002) in their bin.
            int bin = Math.Clamp((int)Math.Ceiling(p * binCount - 1e-6) - 1, 0, binCount - 1);
            count[bin]++;
            confidence[bin] += p;
            if (hit) correct[bin]++;
        }

        long total = count.Sum();
        double ece = 0;
        var bins = new CalibrationBin[binCount];
        for (int b = 0; b < binCount; b++)
        {
            double meanConfidence = count[b] > 0 ? confidence[b] / count[b] : double.NaN;
            double accuracy = count[b] > 0 ? (double)correct[b] / count[b] : double.NaN;
            if (count[b] > 0) ece += (double)count[b] / total * Math.Abs(accuracy - meanConfidence);
            bins[b] = new CalibrationBin((double)b / binCount, (double)(b + 1) / binCount, count[b], meanConfidence, accuracy);
        }
        return new CalibrationSummary(bins, ece, total);
    }

    /// <summary>0-based class index of the row, or −1 when unknown (missing key, NaN), as the evaluator reads labels.</summary>
    private static Func<int> LabelIndexGetter(DataViewRowCursor cursor, DataViewSchema.Column label)
    {
        switch (label.Type)
        {
            case KeyDataViewType:
                var getKey = cursor.GetGetter<uint>(label);
                return () => { uint v = 0; getKey(ref v); return (int)v - 1; };
            case NumberDataViewType when label.Type.RawType == typeof(float):
                var getSingle = cursor.GetGetter<float>(label);
                return () => { float v = 0; getSingle(ref v); return float.IsFinite(v) ? (int)v : -1; };
            case NumberDataViewType when label.Type.RawType == typeof(double):
                var getDouble = cursor.GetGetter<double>(label);
                return () => { double v = 0; getDouble(ref v); return double.IsFinite(v) ? (int)v : -1; };
            default:
                throw new ArgumentException($"Schema mismatch for Label column '{label.Name}': expected Key or Single, got {label.Type}.");
        }
    }
}
