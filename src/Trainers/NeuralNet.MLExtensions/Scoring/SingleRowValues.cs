using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// One row at a time, for prediction engines: evaluated when first asked for and kept for that row. On a machine with
/// more than one core the row is scored on <see cref="Threads"/> threads: a layer with many weights is cut into column
/// parts that a second core takes, so each core streams half the weights, which then stay in its own cache between
/// calls (the scores are the one-thread scores bit for bit; small layers stay on the caller's thread).
/// </summary>
internal sealed class SingleRowValues : RowValues
{
    /// <summary>Threads one row is scored on: 2, or 1 on a single core (the benchmark sets 1 to compare).</summary>
    internal static int Threads { get; set; } = Math.Min(2, Environment.ProcessorCount);

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
        _evaluator = function.CreateEvaluator(Threads);
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
