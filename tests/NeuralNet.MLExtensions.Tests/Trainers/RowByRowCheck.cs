using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// Reads Id, Features and an appended column through one cursor and checks, row by row, that the input columns are
/// the row's own and that the appended values equal the function computed on that row's features alone (bit for bit).
/// </summary>
internal static class RowByRowCheck
{
    /// <summary>Checks every row <paramref name="cursor"/> gives; returns the Ids it gave, in order.</summary>
    public static List<int> Cursor(DataViewRowCursor cursor, string output, IdRow[] rows, Func<float[], float[]> alone)
    {
        var schema = cursor.Schema;
        var id = cursor.GetGetter<int>(schema["Id"]);
        var features = cursor.GetGetter<VBuffer<float>>(schema["Features"]);
        var values = cursor.GetGetter<VBuffer<float>>(schema[output]);
        var predicted = schema.GetColumnOrNull("PredictedLabel") is { } p && cursor.IsColumnActive(p) ? cursor.GetGetter<uint>(p) : null;
        var rowId = cursor.GetIdGetter();
        var ids = new List<int>();
        var rowIds = new HashSet<DataViewRowId>();
        int n = 0;
        VBuffer<float> x = default, y = default;
        while (cursor.MoveNext())
        {
            Assert.AreEqual(n++, cursor.Position, "Position counts the rows served");
            int i = 0;
            id(ref i);
            features(ref x);
            values(ref y);
            CollectionAssert.AreEqual(rows[i].Features, x.DenseValues().ToArray(), $"Features of row {i}");
            var expected = alone(rows[i].Features);
            CollectionAssert.AreEqual(expected, y.DenseValues().ToArray(), $"{output} of row {i} (served as row {n - 1})");
            if (predicted is not null)
            {
                uint label = 0;
                predicted(ref label);
                Assert.AreEqual(Scoring.ScoreSchema.ArgMax(expected), label, $"PredictedLabel of row {i}");
            }
            DataViewRowId rid = default;
            rowId(ref rid);
            Assert.IsTrue(rowIds.Add(rid), $"row id {rid} given twice");
            ids.Add(i);
        }
        return ids;
    }

    /// <summary>
    /// The same with only Id and the output active, so that the cursor reads the features for the function alone
    /// (into its own per-row buffers, not through a copy of the Features column); returns the Ids, in order, after
    /// <paramref name="finished"/> has looked at the cursor that served them all.
    /// </summary>
    public static List<int> OutputOnly(IDataView scored, string output, IdRow[] rows, Func<float[], float[]> alone, Action<DataViewRowCursor>? finished = null)
    {
        var schema = scored.Schema;
        using var cursor = scored.GetRowCursor([schema["Id"], schema[output]]);
        Assert.IsFalse(cursor.IsColumnActive(schema["Features"]), "Features is not read for the consumer");
        var id = cursor.GetGetter<int>(schema["Id"]);
        var values = cursor.GetGetter<VBuffer<float>>(schema[output]);
        var ids = new List<int>();
        VBuffer<float> y = default;
        while (cursor.MoveNext())
        {
            int i = 0;
            id(ref i);
            values(ref y);
            CollectionAssert.AreEqual(alone(rows[i].Features), y.DenseValues().ToArray(), $"{output} of row {i} (served as row {ids.Count})");
            ids.Add(i);
        }
        finished?.Invoke(cursor);
        return ids;
    }

    /// <summary>The columns to open a cursor with: Id, Features, the output and (when present) PredictedLabel.</summary>
    public static DataViewSchema.Column[] Columns(DataViewSchema schema, string output) =>
        new[] { "Id", "Features", output, "PredictedLabel" }.Select(schema.GetColumnOrNull).OfType<DataViewSchema.Column>().ToArray();

    /// <summary>Every row exactly once.</summary>
    public static void AllRowsOnce(IEnumerable<int> ids, int count) =>
        CollectionAssert.AreEquivalent(Enumerable.Range(0, count).ToArray(), ids.ToArray(), "every row exactly once");
}
