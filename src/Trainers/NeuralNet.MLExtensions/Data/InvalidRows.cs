using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Data;

/// <summary>Counts invalid rows and remembers which feature slots held non-finite values.</summary>
internal sealed class InvalidRows
{
    private readonly SortedDictionary<int, int> _slots = new();
    public int Rows, BadFeatures, MissingLabels, BadWeights;
    public bool NumericLabel;

    // key: the key value (0 = missing) with classCount classes, or with classCount 0 a regression target (NaN = missing).
    public bool Check(ReadOnlySpan<float> row, float key, int classCount, float weight, bool weighted)
    {
        bool bad = false;
        for (int i = 0; i < row.Length; i++)
            if (!float.IsFinite(row[i]))
            {
                if (!bad) BadFeatures++;
                bad = true;
                _slots[i] = _slots.GetValueOrDefault(i) + 1;
            }
        if (classCount == 0 ? !float.IsFinite(key) : key == 0 || key > classCount) { MissingLabels++; bad = true; }
        if (weighted && !(weight >= 0f && float.IsFinite(weight))) { BadWeights++; bad = true; }
        if (bad) Rows++;
        return bad;
    }

    public string Summary(DataViewSchema.Column features)
    {
        var parts = new List<string>();
        if (BadFeatures > 0) parts.Add($"{BadFeatures} with NaN or infinity in Features column '{features.Name}' ({Slots(features)})");
        if (MissingLabels > 0) parts.Add($"{MissingLabels} with a missing label");
        if (BadWeights > 0) parts.Add($"{BadWeights} with a negative or non-finite weight");
        return string.Join("; ", parts);
    }

    public string Describe(DataViewSchema.Column features, DataViewSchema.Column label, DataViewSchema.Column? weight, string role)
    {
        var lines = new List<string>();
        if (BadFeatures > 0)
            lines.Add($"{BadFeatures} {role} row(s) have NaN or infinity in Features column '{features.Name}', in {Slots(features)}. " +
                      "Replace them first (e.g. mlContext.Transforms.ReplaceMissingValues) or filter the rows out.");
        if (MissingLabels > 0)
            lines.Add(NumericLabel
                ? $"{MissingLabels} {role} row(s) have a NaN or infinite value in Label column '{label.Name}'. Filter them out (e.g. mlContext.Data.FilterRowsByMissingValues(data, \"{label.Name}\"))."
                : $"{MissingLabels} {role} row(s) have a missing label in Label column '{label.Name}' (key value 0, e.g. a value MapValueToKey did not see).");
        if (BadWeights > 0)
            lines.Add($"{BadWeights} {role} row(s) have a negative, NaN or infinite weight in ExampleWeight column '{weight?.Name}'; weights must be finite and ≥ 0.");
        lines.Add("Set Options.SkipInvalidRows = true to skip such rows instead (their count is reported on MLContext.Log).");
        return string.Join(" ", lines);
    }

    private string Slots(DataViewSchema.Column features)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        var slotColumn = features.Annotations.Schema.GetColumnOrNull(AnnotationNames.SlotNames);
        bool named = slotColumn is { Type: VectorDataViewType { ItemType: TextDataViewType } t } && t.Size == ((VectorDataViewType)features.Type).Size;
        if (named) features.Annotations.GetValue(AnnotationNames.SlotNames, ref names);
        var slotNames = named ? names.DenseValues().ToArray() : null;
        var shown = _slots.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(10).Select(s =>
        {
            string name = slotNames is not null && slotNames[s.Key].Length > 0 ? $" '{slotNames[s.Key]}'" : "";
            return string.Create(CultureInfo.InvariantCulture, $"slot {s.Key}{name}: {s.Value} row(s)");
        });
        return string.Join(", ", shown) + (_slots.Count > 10 ? $", and {_slots.Count - 10} more slots" : "");
    }
}
