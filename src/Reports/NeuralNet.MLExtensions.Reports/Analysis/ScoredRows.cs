using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>
/// The scored test rows the regression and binary charts are drawn from, read in one pass. Rows whose label is missing
/// (NaN) or whose Score or Probability is not finite are left out, as ML.NET's evaluators leave them out.
/// </summary>
internal static class ScoredRows
{
    public const string ProbabilityColumn = "Probability";

    /// <summary>Regression: the label (Single) and the prediction (Score) of each row.</summary>
    public static (double[] Actual, double[] Predicted) Regression(IDataView scored, string labelColumnName)
    {
        var label = Column(scored, labelColumnName, "Label");
        if (label.Type != NumberDataViewType.Single)
            throw new ArgumentException($"Schema mismatch for Label column '{labelColumnName}': expected Single for a regression model, got {label.Type}.");
        var score = Column(scored, MetricsReader.ScoreColumn, "Score");
        var actual = new List<double>();
        var predicted = new List<double>();
        using var cursor = scored.GetRowCursor([label, score]);
        var getLabel = cursor.GetGetter<float>(label);
        var getScore = cursor.GetGetter<float>(score);
        float y = 0, p = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref y);
            getScore(ref p);
            if (!float.IsFinite(y) || !float.IsFinite(p)) continue;
            actual.Add(y);
            predicted.Add(p);
        }
        return (actual.ToArray(), predicted.ToArray());
    }

    /// <summary>Binary: the label (Boolean) and the Probability of each row.</summary>
    public static (bool[] Positive, double[] Probability) Binary(IDataView scored, string labelColumnName)
    {
        var label = Column(scored, labelColumnName, "Label");
        if (label.Type != BooleanDataViewType.Instance)
            throw new ArgumentException($"Schema mismatch for Label column '{labelColumnName}': expected Boolean for a binary model, got {label.Type}.");
        var probability = Column(scored, ProbabilityColumn, "Probability");
        var positive = new List<bool>();
        var probabilities = new List<double>();
        using var cursor = scored.GetRowCursor([label, probability]);
        var getLabel = cursor.GetGetter<bool>(label);
        var getProbability = cursor.GetGetter<float>(probability);
        bool y = false;
        float p = 0;
        while (cursor.MoveNext())
        {
            getLabel(ref y);
            getProbability(ref p);
            if (!float.IsFinite(p)) continue;
            positive.Add(y);
            probabilities.Add(p);
        }
        return (positive.ToArray(), probabilities.ToArray());
    }

    private static DataViewSchema.Column Column(IDataView scored, string name, string role) =>
        scored.Schema.GetColumnOrNull(name) ?? throw new ArgumentException($"Could not find {role} column '{name}' in the scored data.");
}
