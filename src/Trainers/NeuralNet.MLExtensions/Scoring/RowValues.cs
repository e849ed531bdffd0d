using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>The computed floats of the current row, evaluated when first asked for and kept for that row.</summary>
internal abstract class RowValues
{
    /// <summary>The current row's outputs.</summary>
    public abstract ReadOnlySpan<float> Current();

    protected static void ReadFeatures(ValueGetter<VBuffer<float>> getter, ref VBuffer<float> buffer, Span<float> destination)
    {
        getter(ref buffer);
        if (buffer.Length != destination.Length)
            throw new InvalidOperationException($"A features vector has {buffer.Length} values; {destination.Length} were expected.");
        buffer.CopyTo(destination);
    }
}

/// <summary>One row at a time, for prediction engines and shuffled or split cursors.</summary>
internal sealed class SingleRowValues : RowValues
{
    private readonly DataViewRow _row;
    private readonly ValueGetter<VBuffer<float>> _features;
    private readonly IBlockEvaluator _evaluator;
    private readonly float[] _input, _output;
    private VBuffer<float> _buffer;
    private long _position = -1;

    public SingleRowValues(IBlockFunction function, DataViewRow row, DataViewSchema.Column features)
    {
        _row = row;
        _features = row.GetGetter<VBuffer<float>>(features);
        _evaluator = function.CreateEvaluator();
        _input = new float[function.InputSize];
        _output = new float[function.OutputSize];
    }

    public override ReadOnlySpan<float> Current()
    {
        if (_position != _row.Position || _position < 0)
        {
            ReadFeatures(_features, ref _buffer, _input);
            _evaluator.Evaluate(_input, 1, _output);
            _position = _row.Position;
        }
        return _output;
    }
}

/// <summary>
/// Blocks of rows: a second cursor over the same input, in the same order, reads the features of the next
/// <see cref="BlockRows"/> rows ahead and they are evaluated together; the main cursor then takes its row's slice.
/// </summary>
internal sealed class BlockRowValues : RowValues, IDisposable
{
    public const int BlockRows = 64;
    private readonly IDataView _input;
    private readonly DataViewSchema.Column _featuresColumn;
    private readonly IBlockFunction _function;
    private readonly IBlockEvaluator _evaluator;
    private readonly float[] _features, _outputs;
    private DataViewRowCursor? _lead;
    private ValueGetter<VBuffer<float>>? _leadFeatures;
    private VBuffer<float> _buffer;
    private long _index = -1, _blockStart, _blockRows;

    public BlockRowValues(IBlockFunction function, IDataView input, DataViewSchema.Column features)
    {
        _function = function;
        _input = input;
        _featuresColumn = features;
        _evaluator = function.CreateEvaluator();
        _features = new float[BlockRows * function.InputSize];
        _outputs = new float[BlockRows * function.OutputSize];
    }

    /// <summary>Called by the main cursor each time it moves to the next row.</summary>
    public void Advance() => _index++;

    public override ReadOnlySpan<float> Current()
    {
        while (_index >= _blockStart + _blockRows) NextBlock();
        int width = _function.OutputSize;
        return _outputs.AsSpan((int)(_index - _blockStart) * width, width);
    }

    private void NextBlock()
    {
        if (_lead is null)
        {
            _lead = _input.GetRowCursor([_featuresColumn]);
            _leadFeatures = _lead.GetGetter<VBuffer<float>>(_featuresColumn);
        }
        _blockStart += _blockRows;
        int d = _function.InputSize, rows = 0;
        while (rows < BlockRows && _lead.MoveNext())
        {
            ReadFeatures(_leadFeatures!, ref _buffer, _features.AsSpan(rows * d, d));
            rows++;
        }
        if (rows == 0)
            throw new InvalidOperationException("The input gave fewer rows to the read-ahead cursor than to the main cursor; it must give the same rows in the same order.");
        _blockRows = rows;
        _evaluator.Evaluate(_features.AsSpan(0, rows * d), rows, _outputs.AsSpan(0, rows * _function.OutputSize));
    }

    public void Dispose() => _lead?.Dispose();
}
