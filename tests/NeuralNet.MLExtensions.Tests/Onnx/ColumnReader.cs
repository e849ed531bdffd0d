using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>Reads a whole column of an IDataView into an array (vectors flattened row by row).</summary>
internal static class ColumnReader
{
    public static T[] Read<T>(IDataView data, string name)
    {
        DataViewSchema.Column column = data.Schema[name];
        var result = new List<T>();
        using var cursor = data.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<T>>(column);
            VBuffer<T> buffer = default;
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                result.AddRange(buffer.DenseValues());
            }
        }
        else
        {
            var getter = cursor.GetGetter<T>(column);
            T value = default!;
            while (cursor.MoveNext())
            {
                getter(ref value);
                result.Add(value);
            }
        }
        return result.ToArray();
    }

    public static float[] Floats(IDataView data, string name) => Read<float>(data, name);

    /// <summary>The type of a vector's items, or the type itself.</summary>
    public static DataViewType ItemType(DataViewType type) => type is VectorDataViewType v ? v.ItemType : type;
}
