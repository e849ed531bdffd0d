using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Everything after backward in one pass over the parameters: the L2 gradient (weights only), the squared gradient
/// norms reported per epoch, and the optimizer step, over fixed chunks that never straddle a layer's weights or
/// biases. Chunks run on any thread (the work is element-wise); the norms are summed chunk by chunk in table order,
/// so every result is the same for any thread count. Buffers are allocated once per training run.
/// </summary>
internal sealed class ParameterUpdate
{
    private const int ChunkSize = 16_384;

    private readonly ComputeContext _context;
    private readonly Optimizer _optimizer;
    private readonly float _l2;
    private readonly int _weightCount;
    private readonly (int Start, int Length, int Layer, bool Weights)[] _chunks;
    private readonly double[] _squares;
    private readonly TileAction _tile;
    private float[] _parameters = [], _gradients = [];

    public ParameterUpdate(MlpNetwork network, Optimizer optimizer, ComputeContext context, float l2)
    {
        _context = context;
        _optimizer = optimizer;
        _l2 = l2;
        _weightCount = network.WeightCount;
        var chunks = new List<(int, int, int, bool)>();
        var layers = network.Layers;
        for (int l = 0; l < layers.Count; l++)
            for (int s = 0; s < layers[l].WeightCount; s += ChunkSize)
                chunks.Add((layers[l].WeightOffset + s, Math.Min(ChunkSize, layers[l].WeightCount - s), l, true));
        for (int l = 0; l < layers.Count; l++) chunks.Add((layers[l].BiasOffset, layers[l].OutputSize, l, false));
        _chunks = [.. chunks];
        _squares = new double[_chunks.Length];
        _tile = Chunk;
    }

    /// <summary>
    /// parameters, gradients: [P]. Adds the L2 gradient, adds each layer's weight-gradient norm to
    /// <paramref name="layerNormSums"/> and the global norm to <paramref name="normSum"/>, and makes one optimizer step.
    /// </summary>
    public void Run(float[] parameters, float[] gradients, double[] layerNormSums, ref double normSum)
    {
        _parameters = parameters;
        _gradients = gradients;
        _optimizer.BeginStep();
        _context.Run(_chunks.Length, _tile);
        Span<double> layerSquares = stackalloc double[layerNormSums.Length];
        double total = 0;
        for (int c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c].Weights) layerSquares[_chunks[c].Layer] += _squares[c];
            total += _squares[c];
        }
        for (int l = 0; l < layerNormSums.Length; l++) layerNormSums[l] += Math.Sqrt(layerSquares[l]);
        normSum += Math.Sqrt(total);
    }

    // One chunk: L2 gradient and squared norm, then the optimizer's update of the same parameters.
    private void Chunk(int c, int worker)
    {
        var (start, length, _, weights) = _chunks[c];
        Span<float> g = _gradients.AsSpan(start, length);
        _squares[c] = ElementWise.AddScaledSumOfSquares(_parameters.AsSpan(start, length), weights ? _l2 : 0f, g);
        _optimizer.StepRange(_parameters, _gradients, start, length, _weightCount);
    }
}
