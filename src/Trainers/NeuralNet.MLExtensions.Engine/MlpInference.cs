using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Runs a trained network on blocks of raw feature rows: scales them as in training (<see cref="FeatureScaling"/>), then computes class
/// probabilities or the activations of a hidden layer. Buffers are kept between calls, so one instance serves many
/// calls without allocating; an instance is not thread-safe (use one per thread). On more than one thread, a batch of
/// at least 256 rows is cut into parts of rows that the threads score whole (<see cref="RowPartsForward"/>), a smaller
/// one by splitting each layer's product; the values are the same on any number of threads.
/// </summary>
public sealed class MlpInference
{
    private readonly MlpNetwork _network;
    private readonly FeatureStandardizer? _standardizer;
    private readonly TargetStandardizer? _target;
    private readonly ComputeContext _context;
    private readonly ForwardWorkspace _workspace = new(transposeWeights: true);
    private readonly RowPartsForward? _parts;
    private float[] _standardized = [];

    /// <summary>
    /// Inference for <paramref name="network"/> on <paramref name="numberOfThreads"/> threads, scaling features with
    /// <paramref name="standardizer"/> (Standard or Robust) when given; a regression network needs its <paramref name="target"/>
    /// standardisation, so that <see cref="Outputs(ReadOnlySpan{float}, int, Span{float})"/> gives values in the target's own units.
    /// </summary>
    public MlpInference(MlpNetwork network, FeatureStandardizer? standardizer, TargetStandardizer? target = null, int numberOfThreads = 1)
    {
        ArgumentNullException.ThrowIfNull(network);
        _target = network.Architecture.Task == MlpTask.Regression ? target : null;
        if (standardizer is not null && standardizer.FeatureCount != network.Architecture.InputSize)
            throw new ArgumentException($"The standardiser has {standardizer.FeatureCount} features but the network takes {network.Architecture.InputSize}.", nameof(standardizer));
        _network = network;
        _standardizer = standardizer;
        _context = new ComputeContext(numberOfThreads);
        if (numberOfThreads > 1) _parts = new RowPartsForward(_context, _workspace);
    }

    /// <summary>The network this runs.</summary>
    public MlpNetwork Network => _network;

    /// <summary>
    /// features: [rows×in] raw → outputs: [rows×OutputSize]: the K logits (multiclass), the logit (binary), or the
    /// prediction in the target's units (regression).
    /// </summary>
    public void Outputs(ReadOnlySpan<float> features, int rows, Span<float> outputs)
    {
        CheckTarget();
        OutputsOf(Prepare(features, rows), rows, outputs);
    }

    /// <summary>
    /// The same for <paramref name="count"/> rows held apart, each exactly InputSize long (another length throws
    /// <see cref="ArgumentException"/> naming the row): each is read once, as it is scaled (or copied) into the
    /// network's input, so the caller need not first copy them into one array.
    /// </summary>
    public void Outputs(FeatureRows rows, int count, Span<float> outputs)
    {
        CheckTarget();
        OutputsOf(Gather(rows, count), count, outputs);
    }

    private void CheckTarget()
    {
        if (_network.Architecture.Task == MlpTask.Regression && _target is null)
            throw new InvalidOperationException("A regression network predicts in the target's units only with its target standardisation; pass it to the constructor.");
    }

    // The network's scaled input [rows×in] → its outputs, a regression's in the target's units.
    private void OutputsOf(ReadOnlySpan<float> input, int rows, Span<float> outputs)
    {
        Forward(input, rows, OutputLayer, softmax: false, outputs);
        if (_target is not null) _target.Invert(outputs[..rows]);
    }

    /// <summary>Whether a batch of <paramref name="rows"/> rows is cut by rows across the threads; for tests.</summary>
    internal bool SplitsByRows(int rows) => _parts?.Splits(rows) == true;

    private int OutputLayer => _network.Architecture.LayerCount - 1;

    // Through dense layer `lastLayer` (the output layer: the logits, or the probabilities with softmax). On several
    // threads, a batch of enough rows is cut by rows (RowPartsForward); else each layer's product is split.
    private void Forward(ReadOnlySpan<float> input, int rows, int lastLayer, bool softmax, Span<float> output)
    {
        if (_parts?.Splits(rows) == true) _parts.Run(_network, input, rows, lastLayer, softmax, output);
        else if (lastLayer == OutputLayer) _network.Forward(_context, input, rows, _workspace, output, softmax);
        else _network.ForwardThrough(_context, input, rows, _workspace, lastLayer, output);
    }

    /// <summary>σ(z) for a binary network's logit z: the probability of class 1 (stable for any z).</summary>
    public static float Sigmoid(float logit) => Losses.LogisticLoss.Sigmoid(logit);

    /// <summary>features: [rows×in] raw → probabilities: [rows×K] (multiclass) or [rows] of class 1 (binary).</summary>
    public void Probabilities(ReadOnlySpan<float> features, int rows, Span<float> probabilities) =>
        Forward(Prepare(features, rows), rows, OutputLayer, softmax: true, probabilities);

    /// <summary><paramref name="count"/> rows held apart → probabilities, as <see cref="Outputs(FeatureRows, int, Span{float})"/> reads them.</summary>
    public void Probabilities(FeatureRows rows, int count, Span<float> probabilities) =>
        Forward(Gather(rows, count), count, OutputLayer, softmax: true, probabilities);

    /// <summary>
    /// features: [rows×in] raw → activations: [rows×width] of hidden layer <paramref name="hiddenLayer"/>
    /// (0 = the first hidden layer).
    /// </summary>
    public void HiddenActivations(ReadOnlySpan<float> features, int rows, int hiddenLayer, Span<float> activations)
    {
        CheckLayer(hiddenLayer);
        Forward(Prepare(features, rows), rows, hiddenLayer, softmax: false, activations);
    }

    /// <summary><paramref name="count"/> rows held apart → hidden-layer activations, as <see cref="Outputs(FeatureRows, int, Span{float})"/> reads them.</summary>
    public void HiddenActivations(FeatureRows rows, int count, int hiddenLayer, Span<float> activations)
    {
        CheckLayer(hiddenLayer);
        Forward(Gather(rows, count), count, hiddenLayer, softmax: false, activations);
    }

    private void CheckLayer(int hiddenLayer)
    {
        int hidden = _network.Architecture.HiddenLayerSizes.Count;
        if ((uint)hiddenLayer >= (uint)hidden)
            throw new ArgumentOutOfRangeException(nameof(hiddenLayer), hiddenLayer,
                hidden == 0 ? "The network has no hidden layer." : $"The network has hidden layers 0..{hidden - 1}; got {hiddenLayer}.");
    }

    private ReadOnlySpan<float> Prepare(ReadOnlySpan<float> features, int rows)
    {
        int d = _network.Architecture.InputSize;
        if (rows < 0 || features.Length < (long)rows * d)
            throw new ArgumentException($"Expected [{rows}×{d}] feature values; got {features.Length}.", nameof(features));
        if (_standardizer is null) return features[..(rows * d)];
        if (_standardized.Length < rows * d) _standardized = new float[rows * d];
        var target = _standardized.AsSpan(0, rows * d);
        for (int r = 0; r < rows; r++) _standardizer.Apply(features.Slice(r * d, d), target.Slice(r * d, d));
        return target;
    }

    // rows(0..count) → the network's input [count×in], scaled as in training: one pass over each row.
    private ReadOnlySpan<float> Gather(FeatureRows rows, int count)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int d = _network.Architecture.InputSize;
        int size = BufferSize.Of(count, d, "The rows' features");
        if (_standardized.Length < size) _standardized = new float[size];
        var target = _standardized.AsSpan(0, size);
        for (int r = 0; r < count; r++)
        {
            var row = rows(r);
            if (row.Length != d) throw new ArgumentException($"Row {r} has {row.Length} feature values; the network takes {d}.", nameof(rows));
            if (_standardizer is null) row.CopyTo(target.Slice(r * d, d));
            else _standardizer.Apply(row, target.Slice(r * d, d));
        }
        return target;
    }
}
