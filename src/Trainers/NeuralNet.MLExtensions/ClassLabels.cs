using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions;

/// <summary>
/// The classes a model predicts: their number, their names as text, and the label column's original key values
/// (of whatever type they had), so <c>MapKeyToValue("PredictedLabel")</c> gives back the original labels.
/// </summary>
public sealed class ClassLabels
{
    private readonly string[] _names;

    internal ClassLabels(int count, string[] names, DataViewType? keyValueType, Array? keyValues)
    {
        if (count is 1 or < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "A classifier needs at least 2 classes (a regression model has 0).");
        if (names.Length != count) throw new ArgumentException($"Expected {count} class names; got {names.Length}.", nameof(names));
        if (keyValues is not null && keyValues.Length != count) throw new ArgumentException($"Expected {count} key values; got {keyValues.Length}.", nameof(keyValues));
        Count = count;
        _names = names;
        KeyValueItemType = keyValueType;
        KeyValues = keyValues;
    }

    /// <summary>The classes of a binary model: false and true, in that order (key values of type Boolean).</summary>
    internal static ClassLabels Binary { get; } = new(2, ["False", "True"], BooleanDataViewType.Instance, new[] { false, true });

    /// <summary>A regression model's: no classes.</summary>
    internal static ClassLabels None { get; } = new(0, [], null, null);

    /// <summary>Number of classes K (2 for a binary model, 0 for regression).</summary>
    public int Count { get; }

    /// <summary>Class names in key order (key value v is class v−1); the key's index when the label had no key values.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Item type of the label's key values, or null when it had none.</summary>
    public DataViewType? KeyValueItemType { get; }

    /// <summary>The label's key values (an array of <see cref="KeyValueItemType"/>'s raw type), or null.</summary>
    internal Array? KeyValues { get; }

    /// <summary>Reads the classes of a key-typed label column.</summary>
    internal static ClassLabels FromLabelColumn(DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType key)
            throw new ArgumentException($"Label column '{label.Name}' is not a key.", nameof(label));
        if (key.Count > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(label), $"Label column '{label.Name}' has {key.Count} classes; at most {int.MaxValue} are supported.");
        int count = (int)key.Count;
        var keyValues = label.Annotations.Schema.GetColumnOrNull(AnnotationNames.KeyValues);
        if (keyValues is { Type: VectorDataViewType { ItemType: PrimitiveDataViewType item } vector } && vector.Size == count)
        {
            Array values = (Array)typeof(ClassLabels).GetMethod(nameof(ReadKeyValues), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(item.RawType).Invoke(null, [label.Annotations, count])!;
            var names = new string[count];
            for (int i = 0; i < count; i++) names[i] = values.GetValue(i)?.ToString() ?? "";
            return new ClassLabels(count, names, item, values);
        }
        return new ClassLabels(count, Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), null, null);
    }

    private static T[] ReadKeyValues<T>(DataViewSchema.Annotations annotations, int count)
    {
        VBuffer<T> buffer = default;
        annotations.GetValue(AnnotationNames.KeyValues, ref buffer);
        var values = new T[count];
        buffer.CopyTo(values);
        return values;
    }

    /// <summary>Adds the key values under <paramref name="name"/> with their original type (no-op without key values).</summary>
    internal void AddKeyValues(DataViewSchema.Annotations.Builder builder, string name)
    {
        if (KeyValues is null || KeyValueItemType is null) return;
        typeof(ClassLabels).GetMethod(nameof(AddTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(KeyValueItemType.RawType).Invoke(this, [builder, name]);
    }

    private void AddTyped<T>(DataViewSchema.Annotations.Builder builder, string name)
    {
        var values = (T[])KeyValues!;
        builder.Add(name, new VectorDataViewType((PrimitiveDataViewType)KeyValueItemType!, values.Length),
            (ref VBuffer<T> dst) => new VBuffer<T>(values.Length, (T[])values.Clone()).CopyTo(ref dst));
    }
}
