using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.Cli.Data;

/// <summary>The label's classes in a fixed order (numerically when every label is a number), and the label → key mapping.</summary>
internal static class LabelClasses
{
    /// <summary>The internal name of the key-typed label the trainer and the evaluator read.</summary>
    public const string KeyColumn = "__Label";

    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }

    public static string[] FromScan(CsvColumn label)
    {
        if (label.Distinct.Count < 2)
            throw new CliException($"Label column '{label.Name}' has {label.Distinct.Count} distinct value(s); a classifier needs at least two.");
        return label.IsNumeric
            ? label.Distinct.OrderBy(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()
            : label.Distinct.OrderBy(v => v, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The class names a saved model scores, from its Score column's slot names.</summary>
    public static string[] FromModel(ITransformer model, DataViewSchema input)
    {
        var score = model.GetOutputSchema(input)["Score"];
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>Maps the text label to a key in exactly the order of <paramref name="classes"/> (unknown values become missing).</summary>
    public static ITransformer Mapping(MLContext ml, string labelColumn, IReadOnlyList<string> classes, IDataView data) =>
        ml.Transforms.Conversion.MapValueToKey(KeyColumn, labelColumn,
                keyData: ml.Data.LoadFromEnumerable(classes.Select(c => new ClassName { Value = c }).ToArray()))
            .Fit(data);
}
