using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;
using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Everything after backward, over fixed chunks of the parameters that never straddle two registered ranges (see
/// <see cref="ParameterLayout"/>): the L2 and L1 gradients (on <see cref="ParameterKind.Weight"/> ranges only), the
/// squared gradient norms reported per epoch (per layer: its weight ranges), clipping by global norm, and the
/// optimizer step. Without clipping that is one pass (each chunk: penalties, squares, update); with clipping the
/// global norm is needed first, so two passes. Chunks run on any thread (the work is element-wise, the same
/// operations as over the whole buffer); the norms are summed chunk by chunk in table order, so every result is the
/// same for any thread count. Buffers are allocated once per training run.
/// </summary>
internal sealed class ParameterUpdate
{
    private const int ChunkSize = 16_384;

    private readonly ComputeContext _context;
    private readonly Optimizer _optimizer;
    private readonly float _l2, _l1, _clipNorm;
    private readonly int _weightCount;
    private readonly (int Start, int Length, int Layer, bool Weights)[] _chunks;
    private readonly double[] _squares;
    private readonly TileAction _onePass, _penalties, _scaleAndStep;
    private float[] _parameters = [], _gradients = [];
    private float _scale;

    public ParameterUpdate(ParameterLayout layout, Optimizer optimizer, ComputeContext context, float l2, float l1, float clipNorm)
    {
        _context = context;
        _optimizer = optimizer;
        (_l2, _l1, _clipNorm) = (l2, l1, clipNorm);
        _weightCount = layout.WeightCount;
        var chunks = new List<(int, int, int, bool)>();
        foreach (var range in layout.InBufferOrder)
            for (int s = 0; s < range.Length; s += ChunkSize)
                chunks.Add((range.Offset + s, Math.Min(ChunkSize, range.Length - s), range.Layer, range.Kind == ParameterKind.Weight));
        _chunks = [.. chunks];
        _squares = new double[_chunks.Length];
        _onePass = (c, _) => { Penalties(c); Step(c); };
        _penalties = (c, _) => Penalties(c);
        _scaleAndStep = (c, _) =>
        {
            if (_scale != 1f)
            {
                Span<float> g = _gradients.AsSpan(_chunks[c].Start, _chunks[c].Length);
                System.Numerics.Tensors.TensorPrimitives.Multiply(g, _scale, g);
            }
            Step(c);
        };
    }

    /// <summary>
    /// parameters, gradients: [P]. Adds the penalty gradients, adds each layer's weight-gradient norm to
    /// <paramref name="layerNormSums"/> and the global norm to <paramref name="normSum"/>, clips, and makes one
    /// optimizer step.
    /// </summary>
    public void Run(float[] parameters, float[] gradients, double[] layerNormSums, ref double normSum)
    {
        _parameters = parameters;
        _gradients = gradients;
        _optimizer.BeginStep();
        _context.Run(_chunks.Length, _clipNorm == 0f ? _onePass : _penalties);
        Span<double> layerSquares = stackalloc double[layerNormSums.Length];
        double total = 0;
        for (int c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c].Weights) layerSquares[_chunks[c].Layer] += _squares[c];
            total += _squares[c];
        }
        for (int l = 0; l < layerNormSums.Length; l++) layerNormSums[l] += Math.Sqrt(layerSquares[l]);
        double norm = Math.Sqrt(total);
        normSum += norm;
        if (_clipNorm != 0f)
        {
            // Clipping by global norm, chunk by chunk: scale every gradient by limit/‖g‖ when the norm exceeds the limit.
            _scale = norm > _clipNorm ? (float)(_clipNorm / norm) : 1f;
            _context.Run(_chunks.Length, _scaleAndStep);
        }
    }

    // L2 then L1 gradient on a weight chunk, and its squared norm.
    private void Penalties(int c)
    {
        var (start, length, _, weights) = _chunks[c];
        Span<float> g = _gradients.AsSpan(start, length);
        ReadOnlySpan<float> w = _parameters.AsSpan(start, length);
        if (!weights || _l1 == 0f)
        {
            _squares[c] = ElementWise.AddScaledSumOfSquares(w, weights ? _l2 : 0f, g);
            return;
        }
        ElementWise.AddScaledSumOfSquares(w, _l2, g);
        L1Penalty.AddGradient(w, _l1, g);
        _squares[c] = ElementWise.AddScaledSumOfSquares(w, 0f, g);
    }

    private void Step(int c) => _optimizer.StepRange(_parameters, _gradients, _chunks[c].Start, _chunks[c].Length, _weightCount);
}
