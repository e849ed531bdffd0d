using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>
/// ML.NET's permutation feature importance on the MLP alone, over the test data featurized by the pipeline's earlier
/// steps (the overload that takes a whole chain does not find our predictor).
/// </summary>
internal static class PermutationImportance
{
    public static FeatureImportance[] Compute(MLContext ml, PipelineParts parts, IDataView testData, string labelColumnName, EvaluationReportOptions options)
    {
        var mlp = parts.Mlp ?? throw new InvalidOperationException("Permutation feature importance needs the MLP in the pipeline.");
        var featurized = parts.Featurize(testData);
        var statistics = ml.MulticlassClassification.PermutationFeatureImportance(mlp, featurized, labelColumnName,
            numberOfExamplesToUse: options.PermutationRows, permutationCount: options.PermutationCount);
        var names = SlotNames(featurized.Schema[mlp.FeatureColumnName], statistics.Length);
        return statistics
            .Select((s, i) => new FeatureImportance(names[i], -s.MicroAccuracy.Mean, s.MicroAccuracy.StandardDeviation))
            .OrderByDescending(f => f.MicroAccuracyDrop)
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
