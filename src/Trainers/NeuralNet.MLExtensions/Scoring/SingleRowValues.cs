using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>One row at a time, for prediction engines: evaluated when first asked for and kept for that row.</summary>
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
        _evaluator = function.CreateEvaluator(threads: 1);
        _input = new float[function.InputSize];
        _output = new float[function.OutputSize];
    }

    public override ReadOnlySpan<float> Current()
    {
        if (_position != _row.Position || _position < 0)
        {
            _features(ref _buffer);
            if (_buffer.Length != _input.Length)
                throw new InvalidOperationException($"A features vector has {_buffer.Length} values; the column's type says {_input.Length}.");
            // A dense vector is scored where it lies; a sparse one is expanded first.
            if (_buffer.IsDense) _evaluator.Evaluate(_buffer.GetValues(), 1, _output);
            else
            {
                _buffer.CopyTo(_input);
                _evaluator.Evaluate(_input, 1, _output);
            }
            _position = _row.Position;
        }
        return _output;
    }
}
