using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>A column whose values are copied by assignment (numbers, text, keys, row ids, …).</summary>
internal sealed class ValueColumnBuffer<T> : ColumnBuffer
{
    private readonly ValueGetter<T> _input;
    private readonly IBlockRows _rows;
    private T[] _values = [];

    public ValueColumnBuffer(DataViewRow input, DataViewSchema.Column column, IBlockRows rows)
    {
        _input = input.GetGetter<T>(column);
        _rows = rows;
        Getter = (ValueGetter<T>)((ref T value) => value = _values[_rows.Row]);
    }

    public override Delegate Getter { get; }

    public override void Reserve(int rows)
    {
        if (_values.Length < rows) Array.Resize(ref _values, rows);
    }

    public override void Read(int row)
    {
        // Start from the default so the input's getter never reuses an object a consumer was given for an earlier row.
        _values[row] = default!;
        _input(ref _values[row]);
    }
}
