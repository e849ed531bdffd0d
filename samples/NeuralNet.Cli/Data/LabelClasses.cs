using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.Cli.Data;

/// <summary>
/// The label's classes in a fixed order, and the label → key mapping. A label whose values are all numbers is
/// compared as numbers: "1", "1.0" and "1e0" are one class, named "1". Rows whose label is missing are skipped.
/// </summary>
internal static class LabelClasses
{
    /// <summary>The internal name of the key-typed label the trainer and the evaluator read.</summary>
    public const string KeyColumn = "__Label";

    /// <summary>More distinct numbers than this in a label means a quantity, not classes.</summary>
    public const int MaxNumericClasses = 1000;

    private const string CanonicalColumn = "__LabelText";

    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }

    private sealed class RawLabel
    {
        public string Value { get; set; } = "";
    }

    private sealed class CanonicalLabel
    {
        [ColumnName(CanonicalColumn)]
        public string Value { get; set; } = "";
    }

    /// <summary>Rows per class, numbers merged by value when <paramref name="numeric"/>.</summary>
    public static Dictionary<string, long> Count(CsvColumn label, bool numeric) =>
        label.Counts!.GroupBy(kv => numeric ? CellValue.CanonicalNumber(kv.Key) : kv.Key)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    public static string[] FromScan(CsvScan scan, CsvColumn label)
    {
        var counts = Count(label, label.IsNumeric);
        if (counts.Count == 0)
            throw new CliException($"Label column '{label.Name}' of {scan.Path} has no values: all {scan.Rows} rows have an empty, ? or NA label, so there are no rows to train on.");
        if (counts.Count == 1)
            throw new CliException($"Label column '{label.Name}' of {scan.Path} has one class only ('{counts.Keys.Single()}', {counts.Values.Single()} rows); a classifier needs at least two.");
        if (label.IsNumeric && counts.Count > MaxNumericClasses)
            throw new CliException($"Label column '{label.Name}' of {scan.Path} holds {counts.Count} distinct numbers, which would make {counts.Count} classes; " +
                $"it looks like a quantity to predict: use --task regression (or --task auto, which chooses it). To classify, group the values into at most {MaxNumericClasses} classes first.");
        return label.IsNumeric
            ? counts.Keys.OrderBy(v => { CellValue.TryParse(v, out double x); return x; }).ToArray()
            : counts.Keys.OrderBy(v => v, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The class names a saved model scores, from its Score column's slot names.</summary>
    public static string[] FromModel(ITransformer model, DataViewSchema input)
    {
        var score = model.GetOutputSchema(input)["Score"];
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    /// <summary>Whether a model's classes are numbers, so that the data's labels are compared with them as numbers.</summary>
    public static bool AreNumbers(IReadOnlyList<string> classes) => classes.All(c => CellValue.TryParse(c, out _));

    /// <summary>Label values in the data that are none of <paramref name="classes"/>, with their row counts, most rows first.</summary>
    public static (string Class, long Rows)[] Unseen(CsvColumn label, IReadOnlyList<string> classes, bool numeric)
    {
        var known = classes.Select(c => numeric ? CellValue.CanonicalNumber(c) : c).ToHashSet();
        return Count(label, numeric).Where(kv => !known.Contains(kv.Key))
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToArray();
    }

    /// <summary>
    /// Maps the text label to a key in exactly the order of <paramref name="classes"/>; a missing or unknown value
    /// becomes the missing key, which training skips and ML.NET's evaluator leaves out (the commands count those rows).
    /// </summary>
    public static ITransformer Mapping(MLContext ml, string labelColumn, IReadOnlyList<string> classes, bool numeric, IDataView data)
    {
        var keys = classes.Select(c => new ClassName { Value = numeric ? CellValue.CanonicalNumber(c) : c }).ToArray();
        if (!numeric)
            return ml.Transforms.Conversion.MapValueToKey(KeyColumn, labelColumn, keyData: ml.Data.LoadFromEnumerable(keys)).Fit(data);
        var input = SchemaDefinition.Create(typeof(RawLabel));
        input[0].ColumnName = labelColumn;
        return ml.Transforms.CustomMapping<RawLabel, CanonicalLabel>(
                (raw, canonical) => canonical.Value = CellValue.IsMissing(raw.Value) ? "" : CellValue.CanonicalNumber(raw.Value),
                contractName: null, inputSchemaDefinition: input)
            .Append(ml.Transforms.Conversion.MapValueToKey(KeyColumn, CanonicalColumn, keyData: ml.Data.LoadFromEnumerable(keys)))
            .Fit(data);
    }

    /// <summary>Rows whose label maps to a class (what training and ML.NET's metrics use).</summary>
    public static long CountLabelled(IDataView mapped)
    {
        var column = mapped.Schema[KeyColumn];
        using var cursor = mapped.GetRowCursor([column]);
        var get = cursor.GetGetter<uint>(column);
        long rows = 0;
        uint key = 0;
        while (cursor.MoveNext())
        {
            get(ref key);
            if (key != 0) rows++;
        }
        return rows;
    }
}
