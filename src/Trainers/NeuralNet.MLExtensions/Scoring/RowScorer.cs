using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// Computes Score and PredictedLabel for the current row of an input row or cursor, once per row (cached by
/// position), into buffers allocated once. Features holding NaN give NaN scores and a missing PredictedLabel (0).
/// </summary>
internal sealed class RowScorer
{
    private readonly MlpModelParameters _model;
    private readonly DataViewRow _input;
    private readonly ValueGetter<VBuffer<float>> _features;
    private readonly float[] _dense, _scratch, _probabilities;
    private readonly ForwardWorkspace _workspace = new();
    private readonly ComputeContext _context = ComputeContext.SingleThreaded();
    private VBuffer<float> _buffer;
    private long _position = -1;
    private uint _predicted;

    public RowScorer(MlpModelParameters model, DataViewRow input, DataViewSchema.Column features)
    {
        _model = model;
        _input = input;
        _features = input.GetGetter<VBuffer<float>>(features);
        _dense = new float[model.FeatureCount];
        _scratch = new float[model.FeatureCount];
        _probabilities = new float[model.Classes.Count];
    }

    private void Ensure()
    {
        if (_position == _input.Position && _position >= 0) return;
        _features(ref _buffer);
        if (_buffer.Length != _dense.Length)
            throw new InvalidOperationException($"The features vector has {_buffer.Length} values; the model takes {_dense.Length}.");
        _buffer.CopyTo(_dense);
        _model.Score(_dense, _probabilities, _scratch, _workspace, _context);
        _predicted = ArgMax(_probabilities);
        _position = _input.Position;
    }

    /// <summary>1-based index of the largest probability (first on ties); 0 when any is NaN.</summary>
    internal static uint ArgMax(ReadOnlySpan<float> p)
    {
        int best = 0;
        for (int c = 0; c < p.Length; c++)
        {
            if (float.IsNaN(p[c])) return 0;
            if (p[c] > p[best]) best = c;
        }
        return (uint)best + 1;
    }

    public ValueGetter<VBuffer<float>> ScoreGetter() => (ref VBuffer<float> destination) =>
    {
        Ensure();
        var editor = VBufferEditor.Create(ref destination, _probabilities.Length);
        _probabilities.CopyTo(editor.Values);
        destination = editor.Commit();
    };

    public ValueGetter<uint> PredictedLabelGetter() => (ref uint destination) =>
    {
        Ensure();
        destination = _predicted;
    };

    public Delegate Getter(int outputIndex) => outputIndex == 0 ? ScoreGetter() : PredictedLabelGetter();
}
