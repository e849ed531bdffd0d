namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Buffers for a forward pass that can be reused across calls (one per scoring thread). For inference it can also keep
/// each layer's weights transposed to [in×out], made once for its network: the matrix kernels then stream them without
/// packing, which matters when scoring one row at a time, and give bit-for-bit the same results (every route sums
/// each element in the same order).
/// </summary>
internal sealed class ForwardWorkspace(bool transposeWeights = false)
{
    private float[][] _buffers = [];
    private float[][]? _transposed;
    private MlpNetwork? _transposedFor;

    /// <summary>Makes sure each layer has room for <paramref name="batch"/> rows (and the transposed weights exist).</summary>
    public void Ensure(MlpNetwork network, int batch)
    {
        var layers = network.Layers;
        if (_buffers.Length != layers.Count) _buffers = new float[layers.Count][];
        for (int l = 0; l < layers.Count; l++)
        {
            int need = batch * layers[l].OutputSize;
            if (_buffers[l] is null || _buffers[l].Length < need) _buffers[l] = new float[need];
        }
        if (transposeWeights && !ReferenceEquals(_transposedFor, network))
        {
            _transposed = new float[layers.Count][];
            for (int l = 0; l < layers.Count; l++)
            {
                var d = layers[l];
                var w = d.Weights(network.Parameters);   // [out×in]
                var t = _transposed[l] = new float[d.WeightCount];
                for (int o = 0; o < d.OutputSize; o++)
                    for (int i = 0; i < d.InputSize; i++) t[i * d.OutputSize + o] = w[o * d.InputSize + i];
            }
            _transposedFor = network;
        }
    }

    public float[] Buffer(int layer) => _buffers[layer];

    /// <summary>Weights of <paramref name="layer"/> as [in×out], or empty when this workspace does not keep them.</summary>
    public ReadOnlySpan<float> TransposedWeights(int layer) => _transposed is null ? default : _transposed[layer];
}
