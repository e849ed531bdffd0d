using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>A vector column: each row's <see cref="VBuffer{T}"/> is deep-copied in, and copied out to the consumer.</summary>
internal sealed class VectorColumnBuffer<T> : ColumnBuffer
{
    private readonly ValueGetter<VBuffer<T>> _input;
    private readonly IBlockRows _rows;
    private VBuffer<T>[] _values = [];
    private VBuffer<T> _scratch;

    public VectorColumnBuffer(DataViewRow input, DataViewSchema.Column column, IBlockRows rows)
    {
        _input = input.GetGetter<VBuffer<T>>(column);
        _rows = rows;
        Getter = (ValueGetter<VBuffer<T>>)((ref VBuffer<T> value) => _values[_rows.Row].CopyTo(ref value));
    }

    public override Delegate Getter { get; }

    /// <summary>The vector held for the block's row <paramref name="row"/>.</summary>
    public ref readonly VBuffer<T> this[int row] => ref _values[row];

    public override void Reserve(int rows)
    {
        if (_values.Length < rows) Array.Resize(ref _values, rows);
    }

    public override void Read(int row)
    {
        // Through a scratch vector, as ML.NET's cache does: the getter may hand out buffers the input reuses.
        _input(ref _scratch);
        _scratch.CopyTo(ref _values[row]);
    }
}
