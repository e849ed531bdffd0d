namespace NeuralNet.MLExtensions.Engine;

/// <summary>Buffers for a forward pass that can be reused across calls (one per scoring thread).</summary>
internal sealed class ForwardWorkspace
{
    private float[][] _buffers = [];

    /// <summary>Makes sure each hidden layer has room for <paramref name="batch"/> rows.</summary>
    public void Ensure(MlpNetwork network, int batch)
    {
        var layers = network.Layers;
        if (_buffers.Length != layers.Count) _buffers = new float[layers.Count][];
        for (int l = 0; l < layers.Count; l++)
        {
            int need = batch * layers[l].OutputSize;
            if (_buffers[l] is null || _buffers[l].Length < need) _buffers[l] = new float[need];
        }
    }

    public float[] Buffer(int layer) => _buffers[layer];
}
