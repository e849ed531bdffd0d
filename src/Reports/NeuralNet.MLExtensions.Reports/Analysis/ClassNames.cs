using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>The class names of a scored data view: the Score column's slot names, else the MLP's classes, else indices.</summary>
internal static class ClassNames
{
    public static string[] Read(DataViewSchema scoredSchema, string scoreColumnName, int classCount, MlpModelParameters? mlp)
    {
        var score = scoredSchema[scoreColumnName];
        if (score.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> names = default;
            score.GetSlotNames(ref names);
            var result = names.DenseValues().Select(n => n.ToString()).ToArray();
            if (result.Length == classCount && result.All(n => n.Length > 0)) return result;
        }
        if (mlp is not null && mlp.Classes.Count == classCount) return mlp.Classes.Names.ToArray();
        return Enumerable.Range(0, classCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
