using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Buffers for a scoring pass that can be reused across calls (one per scoring thread): each module's output. For
/// inference it can also keep each dense layer's weights transposed to [in×out], made once for its network: the
/// matrix kernels then stream them without packing, which matters when scoring one row at a time, and give
/// bit-for-bit the same results (every route sums each element in the same order). Scoring one row on more than one
/// thread, it also keeps each large layer's transposed weights cut into column parts (<see cref="Gemv.ToParts"/>), made
/// on the first such call, so that each core streams its own contiguous part.
/// </summary>
internal sealed class ForwardWorkspace(bool transposeWeights = false)
{
    private readonly bool _keepsTransposed = transposeWeights;
    private float[][] _outputs = [];
    private int[] _widths = [], _rowsPerRow = [];
    private MlpNetwork? _transposedFor, _partsFor;
    private int _partsThreads;
    private float[][]? _partWeights;

    /// <summary>
    /// Makes sure each module has room for <paramref name="batch"/> rows (and the transposed weights exist, and for one
    /// row on <paramref name="threads"/> &gt; 1 threads the large layers' parts).
    /// </summary>
    public void Ensure(MlpNetwork network, int batch, int threads = 1)
    {
        var modules = network.Modules;
        if (_outputs.Length != modules.Count) (_outputs, _widths, _rowsPerRow) = (new float[modules.Count][], new int[modules.Count], new int[modules.Count]);
        int rowsPerRow = 1;
        for (int m = 0; m < modules.Count; m++)
        {
            _widths[m] = modules[m].OutputWidth;
            _rowsPerRow[m] = rowsPerRow *= modules[m].RowsPerInputRow;
            int need = BufferSize.Of(BufferSize.Of(batch, rowsPerRow, "Ensemble member rows"), modules[m].OutputWidth, "Scoring buffer", modules[m]);
            if (_outputs[m] is null || _outputs[m].Length < need) _outputs[m] = new float[need];
        }
        if (_keepsTransposed) EnsureTransposed(network);
        if (_keepsTransposed && batch == 1 && threads > 1 && (!ReferenceEquals(_partsFor, network) || _partsThreads != threads))
        {
            // Only layers that see one row per scored row (an ensemble's layers see its k member-rows and take Gemm).
            _partWeights = new float[network.Layers.Count][];
            for (int m = 0; m < modules.Count; m++)
                if (modules[m] is DenseLayer layer && (m == 0 ? 1 : _rowsPerRow[m - 1]) == 1 && Gemv.Splits(threads, layer.InputWidth, layer.OutputWidth))
                    _partWeights[layer.Layer] = Gemv.ToParts(TransposedWeights![layer.Layer], layer.InputWidth, layer.OutputWidth);
            (_partsFor, _partsThreads) = (network, threads);
        }
    }

    private void EnsureTransposed(MlpNetwork network)
    {
        if (ReferenceEquals(_transposedFor, network)) return;
        var layers = network.Layers;
        var transposed = new float[layers.Count][];
        for (int l = 0; l < layers.Count; l++) transposed[l] = layers[l].TransposeWeights(network.Parameters);
        (TransposedWeights, _transposedFor) = (transposed, network);
    }

    /// <summary>
    /// Uses <paramref name="owner"/>'s transposed weights of <paramref name="network"/> (made there first if need be),
    /// so that workspaces of threads scoring the same network keep one copy, which the cores share in cache.
    /// </summary>
    public void ShareTransposedWeights(MlpNetwork network, ForwardWorkspace owner)
    {
        if (!_keepsTransposed || !owner._keepsTransposed) throw new InvalidOperationException("Only workspaces that keep transposed weights share them.");
        owner.EnsureTransposed(network);
        (TransposedWeights, _transposedFor) = (owner.TransposedWeights, network);
    }

    /// <summary>Module <paramref name="module"/>'s output for <paramref name="batch"/> rows (an ensemble's k member-rows per row after its adapter).</summary>
    public Span<float> Output(int module, int batch) => _outputs[module].AsSpan(0, batch * _rowsPerRow[module] * _widths[module]);

    /// <summary>Each dense layer's weights as [in×out], or null when this workspace does not keep them.</summary>
    public float[][]? TransposedWeights { get; private set; }

    /// <summary>
    /// Each dense layer's transposed weights in parts (<see cref="Gemv.ToParts"/>) where it is split, else null entries,
    /// for a pass on <paramref name="threads"/> threads: null before a one-row call on that many threads.
    /// </summary>
    public float[][]? PartWeightsFor(int threads) => threads == _partsThreads ? _partWeights : null;
}
