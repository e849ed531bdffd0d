using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>
/// ML.NET's permutation feature importance on the MLP alone, over the test data featurized by the pipeline's earlier
/// steps (the overload that takes a whole chain does not find our predictor). The metric is the task's: multiclass
/// micro accuracy, binary AUC, regression RMSE; importance is how much it worsens when a feature is shuffled.
/// </summary>
internal static class PermutationImportance
{
    public const string MulticlassMetric = "fall in micro accuracy";
    public const string BinaryMetric = "fall in AUC";
    public const string RegressionMetric = "rise in RMSE";

    public static FeatureImportance[] Compute(MLContext ml, PipelineParts parts, IDataView testData, string labelColumnName, MlpTask task,
        EvaluationReportOptions options)
    {
        var mlp = parts.Mlp ?? throw new InvalidOperationException("Permutation feature importance needs the MLP in the pipeline.");
        var featurized = parts.Featurize(testData);
        int? rows = options.PermutationRows;
        int permutations = options.PermutationCount;
        (string Metric, double Mean, double StandardDeviation)[] worsening = task switch
        {
            MlpTask.Binary => ml.BinaryClassification.PermutationFeatureImportance(mlp, featurized, labelColumnName,
                    numberOfExamplesToUse: rows, permutationCount: permutations)
                .Select(s => (BinaryMetric, -s.AreaUnderRocCurve.Mean, s.AreaUnderRocCurve.StandardDeviation)).ToArray(),
            MlpTask.Regression => ml.Regression.PermutationFeatureImportance(mlp, featurized, labelColumnName,
                    numberOfExamplesToUse: rows, permutationCount: permutations)
                .Select(s => (RegressionMetric, s.RootMeanSquaredError.Mean, s.RootMeanSquaredError.StandardDeviation)).ToArray(),
            _ => ml.MulticlassClassification.PermutationFeatureImportance(mlp, featurized, labelColumnName,
                    numberOfExamplesToUse: rows, permutationCount: permutations)
                .Select(s => (MulticlassMetric, -s.MicroAccuracy.Mean, s.MicroAccuracy.StandardDeviation)).ToArray(),
        };
        var names = SlotNames(featurized.Schema[mlp.FeatureColumnName], worsening.Length);
        return worsening
            .Select((s, i) => new FeatureImportance(names[i], s.Metric, s.Mean, s.StandardDeviation))
            .OrderByDescending(f => f.Importance)
            .ToArray();
    }

    private static string[] SlotNames(DataViewSchema.Column features, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"Feature {i}").ToArray();
        if (!features.HasSlotNames()) return names;
        VBuffer<ReadOnlyMemory<char>> slots = default;
        features.GetSlotNames(ref slots);
        int s = 0;
        foreach (var name in slots.DenseValues())
        {
            if (s < count && !name.IsEmpty) names[s] = name.ToString();
            s++;
        }
        return names;
    }
}
