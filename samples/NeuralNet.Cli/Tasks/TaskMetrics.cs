using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.Cli.Data;

namespace NeuralNet.Cli.Tasks;

/// <summary>
/// A binary or regression evaluation, from ML.NET's own evaluators (<c>BinaryClassification.Evaluate</c>,
/// <c>Regression.Evaluate</c>): the lines printed and the fields <c>--json</c> adds (snake_case, in order).
/// </summary>
internal sealed record TaskMetrics(IReadOnlyList<string> Lines, IReadOnlyList<KeyValuePair<string, object?>> Fields, double? Accuracy)
{
    /// <summary>Scores <paramref name="scored"/>'s Boolean label against Score, Probability and PredictedLabel.</summary>
    public static TaskMetrics Binary(MLContext ml, IDataView scored, IReadOnlyList<string> classes)
    {
        var m = ml.BinaryClassification.Evaluate(scored, LabelClasses.KeyColumn);
        var (negatives, positives) = Support(scored);
        int width = Math.Max(5, Math.Max(classes[0].Length, classes[1].Length + " (positive)".Length));
        string Row(string name, double precision, double recall, long support) => string.Create(CultureInfo.InvariantCulture,
            $"{name.PadRight(width)}  {precision,9:F4}  {recall,6:F4}  {F1(precision, recall),6:F4}  {support,7}");
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Accuracy {m.Accuracy:F4}   AUC {m.AreaUnderRocCurve:F4}   AUPRC {m.AreaUnderPrecisionRecallCurve:F4}   F1 {m.F1Score:F4}   log-loss {m.LogLoss:F4}   log-loss reduction {m.LogLossReduction:F4}"),
            $"{"class".PadRight(width)}  precision  recall      F1  support",
            Row(classes[0], m.NegativePrecision, m.NegativeRecall, negatives),
            Row(classes[1] + " (positive)", m.PositivePrecision, m.PositiveRecall, positives),
        };
        return new TaskMetrics(lines,
        [
            new("accuracy", m.Accuracy), new("auc", m.AreaUnderRocCurve), new("auprc", m.AreaUnderPrecisionRecallCurve),
            new("f1", m.F1Score), new("log_loss", m.LogLoss), new("log_loss_reduction", m.LogLossReduction),
            new("positive_precision", m.PositivePrecision), new("positive_recall", m.PositiveRecall),
            new("negative_precision", m.NegativePrecision), new("negative_recall", m.NegativeRecall),
            new("classes", classes.ToArray()), new("positive_class", classes[1]),
        ], m.Accuracy);
    }

    /// <summary>Scores <paramref name="scored"/>'s Single label against Score.</summary>
    public static TaskMetrics Regression(MLContext ml, IDataView scored)
    {
        var m = ml.Regression.Evaluate(scored, LabelClasses.KeyColumn);
        return new TaskMetrics(
            [string.Create(CultureInfo.InvariantCulture, $"RMSE {m.RootMeanSquaredError:G6}   MAE {m.MeanAbsoluteError:G6}   R² {m.RSquared:F4}   MSE {m.MeanSquaredError:G6}")],
            [new("rmse", m.RootMeanSquaredError), new("mae", m.MeanAbsoluteError), new("r2", m.RSquared), new("mse", m.MeanSquaredError)],
            Accuracy: null);
    }

    private static double F1(double precision, double recall) => precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;

    private static (long Negatives, long Positives) Support(IDataView scored)
    {
        var column = scored.Schema[LabelClasses.KeyColumn];
        using var cursor = scored.GetRowCursor([column]);
        var get = cursor.GetGetter<bool>(column);
        long negatives = 0, positives = 0;
        bool value = false;
        while (cursor.MoveNext())
        {
            get(ref value);
            if (value) positives++; else negatives++;
        }
        return (negatives, positives);
    }
}
