using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>Turns ML.NET's evaluator output into the report's numbers; per-class figures come from its confusion matrix.</summary>
internal static class MetricsReader
{
    public const string ScoreColumn = "Score";
    public const string PredictedLabelColumn = "PredictedLabel";

    /// <summary>Runs <c>MulticlassClassification.Evaluate</c> with top-k clamped to the number of score slots.</summary>
    public static MulticlassClassificationMetrics Evaluate(MLContext ml, IDataView scored, string labelColumnName, int topK)
    {
        var score = scored.Schema.GetColumnOrNull(ScoreColumn)
            ?? throw new ArgumentException($"Could not find Score column '{ScoreColumn}' in the scored data: is the model a multiclass classifier?");
        int classes = score.Type is VectorDataViewType { Size: > 1 } vector ? vector.Size
            : throw new ArgumentException($"Score column '{ScoreColumn}' must be a known-size vector of 2 or more; got {score.Type}.");
        if (scored.Schema.GetColumnOrNull(labelColumnName) is null)
            throw new ArgumentException($"Could not find Label column '{labelColumnName}' in the scored data.");
        return ml.MulticlassClassification.Evaluate(scored, labelColumnName, ScoreColumn, PredictedLabelColumn, Math.Min(topK, classes));
    }

    public static ReportMetrics Summarize(MulticlassClassificationMetrics metrics) => new(
        metrics.MicroAccuracy,
        metrics.MacroAccuracy,
        metrics.LogLoss,
        metrics.LogLossReduction,
        metrics.TopKPredictionCount,
        metrics.TopKAccuracy,
        metrics.TopKAccuracyForAllK.ToArray(),
        (long)Math.Round(metrics.ConfusionMatrix.Counts.Sum(row => row.Sum())));

    /// <summary>Counts as whole numbers: rows are the actual class, columns the predicted class.</summary>
    public static long[][] Counts(ConfusionMatrix confusion) =>
        confusion.Counts.Select(row => row.Select(c => (long)Math.Round(c)).ToArray()).ToArray();

    /// <summary>Precision, recall and F1 per class from the confusion matrix; support is the row total.</summary>
    public static ClassMetrics[] PerClass(ConfusionMatrix confusion, IReadOnlyList<string> names)
    {
        var counts = Counts(confusion);
        var result = new ClassMetrics[confusion.NumberOfClasses];
        for (int c = 0; c < result.Length; c++)
        {
            double precision = confusion.PerClassPrecision[c], recall = confusion.PerClassRecall[c];
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            result[c] = new ClassMetrics(names[c], precision, recall, f1, counts[c].Sum());
        }
        return result;
    }

    /// <summary>Precision, recall and F1 per class from whole counts ([actual][predicted]); 0 where a ratio has no rows.</summary>
    public static ClassMetrics[] PerClass(long[][] counts, IReadOnlyList<string> names)
    {
        var result = new ClassMetrics[counts.Length];
        for (int c = 0; c < result.Length; c++)
        {
            long truePositives = counts[c][c], support = counts[c].Sum(), predicted = counts.Sum(row => row[c]);
            double precision = predicted > 0 ? (double)truePositives / predicted : 0, recall = support > 0 ? (double)truePositives / support : 0;
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            result[c] = new ClassMetrics(names[c], precision, recall, f1, support);
        }
        return result;
    }
}
