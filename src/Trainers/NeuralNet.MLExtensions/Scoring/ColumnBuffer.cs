using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// The values of one input column for each row of a block, copied out of the input cursor as the block is read, so a
/// consumer reading the column later gets the value of the row it is on, not the input cursor's current row.
/// Values are kept as ML.NET's own cache keeps them: vectors (<see cref="VBuffer{T}"/>) are deep copies, anything
/// else is the value the input's getter gave.
/// </summary>
internal abstract class ColumnBuffer
{
    /// <summary>A buffer for <paramref name="column"/> of <paramref name="input"/>, holding one value per row of a block.</summary>
    public static ColumnBuffer Create(DataViewRow input, DataViewSchema.Column column, IBlockRows rows)
    {
        var raw = column.Type.RawType;
        var type = raw.IsGenericType && raw.GetGenericTypeDefinition() == typeof(VBuffer<>)
            ? typeof(VectorColumnBuffer<>).MakeGenericType(raw.GetGenericArguments()[0])
            : typeof(ValueColumnBuffer<>).MakeGenericType(raw);
        return (ColumnBuffer)Activator.CreateInstance(type, input, column, rows)!;
    }

    /// <summary>Makes room for <paramref name="rows"/> rows.</summary>
    public abstract void Reserve(int rows);

    /// <summary>Copies the input's current value into the block's row <paramref name="row"/>.</summary>
    public abstract void Read(int row);

    /// <summary>A getter (a <see cref="ValueGetter{TValue}"/> of the column's raw type) giving the current row's value.</summary>
    public abstract Delegate Getter { get; }
}
