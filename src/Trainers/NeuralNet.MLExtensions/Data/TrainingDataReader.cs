using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Data;

/// <summary>
/// Reads the training columns of an IDataView into contiguous arrays, counting rows first so the features are held
/// once, at their exact size. Rows with non-finite features, a missing label or a bad weight are either reported
/// (the default: <c>Fit</c> fails, naming how many rows and which slots) or skipped and counted.
/// </summary>
internal static class TrainingDataReader
{
    /// <summary>
    /// Reads training rows; <paramref name="role"/> names the data in messages ("training" or "validation"). The label
    /// is a key (multiclass), a Boolean (binary: false is class 0, true class 1) or a Single (regression: the targets).
    /// <paramref name="knownRows"/>: the row count when the caller has counted them already.
    /// </summary>
    public static TrainingSet Read(IDataView data, DataViewSchema.Column features, DataViewSchema.Column label,
        DataViewSchema.Column? weight, bool skipInvalidRows, string role = "training", MlpTask task = MlpTask.Multiclass, long? knownRows = null)
    {
        bool training = role == "training";
        int d = ((VectorDataViewType)features.Type).Size;
        var classes = ClassesOf(label, task);
        long count = knownRows ?? data.GetRowCount() ?? CountRows(data, label);
        if (count == 0) throw new InvalidOperationException($"The {role} data has no rows; {(training ? "a model cannot be trained on nothing" : "there is nothing to validate on")}.");
        if (count * d > Array.MaxLength)
            throw new InvalidOperationException($"The {role} data has {count} rows of {d} features, more than one array can hold ({Array.MaxLength} values).");

        var x = new float[count * d];
        var y = new int[count];
        float[]? targets = task == MlpTask.Regression ? new float[count] : null;
        float[]? w = weight is null ? null : new float[count];
        var columns = new List<DataViewSchema.Column> { features, label };
        if (weight is not null) columns.Add(weight.Value);

        var invalid = new InvalidRows { NumericLabel = task == MlpTask.Regression };
        int rows = 0;
        using (var cursor = data.GetRowCursor(columns))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            var getLabel = LabelGetter(cursor, label, task);
            var getWeight = weight is null ? null : cursor.GetGetter<float>(weight.Value);
            VBuffer<float> buffer = default;
            float key = 0;
            float weightValue = 1f;
            while (cursor.MoveNext())
            {
                if (rows >= count)
                    throw new InvalidOperationException($"The {role} data reported {count} rows but has more; it changed while being read.");
                getFeatures(ref buffer);
                getLabel(ref key);
                getWeight?.Invoke(ref weightValue);
                var row = x.AsSpan(rows * d, d);
                buffer.CopyTo(row);
                bool bad = invalid.Check(row, key, task == MlpTask.Regression ? 0 : classes.Count, weightValue, getWeight is not null);
                if (bad && skipInvalidRows) continue;
                if (targets is not null) targets[rows] = key;
                else y[rows] = (int)key - 1;
                if (w is not null) w[rows] = weightValue;
                rows++;
            }
        }
        if (invalid.Rows > 0 && !skipInvalidRows)
            throw new InvalidOperationException(invalid.Describe(features, label, weight, role));
        if (rows == 0)
            throw new InvalidOperationException(invalid.Rows > 0
                ? $"All {invalid.Rows} {role} rows were skipped as invalid ({invalid.Summary(features)}); nothing is left to {(training ? "train" : "validate")} on."
                : $"The {role} data has no rows; {(training ? "a model cannot be trained on nothing" : "there is nothing to validate on")}.");

        var present = new bool[Math.Max(1, classes.Count)];
        int distinct = 0;
        for (int i = 0; i < rows; i++) if (!present[y[i]]) { present[y[i]] = true; distinct++; }
        if (distinct < 2 && training && task != MlpTask.Regression)
            throw new InvalidOperationException(
                $"The training data holds only one class ('{classes.Names[y[0]]}') in Label column '{label.Name}'; a classifier needs examples of at least two classes.");

        if (rows < count)
        {
            Array.Resize(ref x, rows * d);
            Array.Resize(ref y, rows);
            if (w is not null) Array.Resize(ref w, rows);
            if (targets is not null) Array.Resize(ref targets, rows);
        }
        return new TrainingSet(x, rows, d, y, w, classes, invalid.Rows) { Targets = targets };
    }

    /// <summary>The classes of <paramref name="task"/> with <paramref name="label"/>: its key values, false/true, or none.</summary>
    internal static ClassLabels ClassesOf(DataViewSchema.Column label, MlpTask task) => task switch
    {
        MlpTask.Binary => ClassLabels.Binary,
        MlpTask.Regression => ClassLabels.None,
        _ => ClassLabels.FromLabelColumn(label),
    };

    // The label as a float: the key value (0 missing), 2 for true and 1 for false, or the regression target itself.
    internal static ValueGetter<float> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column label, MlpTask task)
    {
        switch (task)
        {
            case MlpTask.Regression:
                return cursor.GetGetter<float>(label);
            case MlpTask.Binary:
                var flag = cursor.GetGetter<bool>(label);
                bool b = false;
                return (ref float v) => { flag(ref b); v = b ? 2f : 1f; };
            default:
                var key = cursor.GetGetter<uint>(label);
                uint k = 0;
                return (ref float v) => { key(ref k); v = k; };
        }
    }

    internal static long CountRows(IDataView data, DataViewSchema.Column label)
    {
        long n = 0;
        using var cursor = data.GetRowCursor([label]);
        while (cursor.MoveNext()) n++;
        return n;
    }
}
