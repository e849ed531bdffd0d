using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// A scoring pass over a batch on several threads, cut by rows: the batch is split into parts of about
/// <see cref="PartRows"/> rows (at least <see cref="MinimumPartRows"/>), and each thread takes whole parts, running
/// every layer on its rows with a one-thread context and its own buffers (the transposed weights are shared). The
/// threads meet once per call, not once per layer as when each layer's product is split across them, and neither waits
/// on the other between layers; a thread that starts late only takes fewer parts (one descheduled in the middle of a
/// part holds the call up until it finishes that part). A row's values never depend on the other rows of the call
/// (every element is one chain of multiply-adds in the same order on every route, and a part is never so small that it
/// takes the one-row or few-row routes), so the result is bit-for-bit that of one thread. Used by one caller at a time.
/// </summary>
internal sealed unsafe class RowPartsForward
{
    /// <summary>Rows per part: 128, enough for full-speed products, few enough that the last part is a short wait.</summary>
    public const int PartRows = 128;

    /// <summary>Rows a part has at least: 32, so that many threads on a small batch still multiply full row blocks.</summary>
    public const int MinimumPartRows = 32;

    private const int RowsPerBlock = 8;   // the products' row block: parts are whole blocks but for the batch's last rows

    private readonly ComputeContext _pool;
    private readonly ComputeContext[] _contexts;
    private readonly ForwardWorkspace[] _workspaces;
    private readonly TileAction _body;
    // The call in flight.
    private MlpNetwork _network = null!;
    private float* _input, _output;
    private int _rows, _blocks, _parts, _inputWidth, _outputWidth, _lastLayer;
    private bool _softmax;

    /// <param name="pool">The threads (its workers run the parts; the caller takes parts too).</param>
    /// <param name="owner">The caller's workspace, whose transposed weights the threads share.</param>
    public RowPartsForward(ComputeContext pool, ForwardWorkspace owner)
    {
        _pool = pool;
        _contexts = new ComputeContext[pool.Threads];
        _workspaces = new ForwardWorkspace[pool.Threads];
        for (int t = 0; t < pool.Threads; t++)
        {
            _contexts[t] = new ComputeContext(1, pool.Path);
            _workspaces[t] = t == 0 ? owner : new ForwardWorkspace(transposeWeights: true);
        }
        _body = Part;
    }

    /// <summary>Whether a batch of <paramref name="rows"/> rows is cut into parts: from 256 rows on more than one thread.</summary>
    public bool Splits(int rows) => _pool.Threads > 1 && rows >= 2 * PartRows;

    /// <summary>
    /// As <see cref="MlpNetwork.Forward"/> (<paramref name="lastLayer"/> = the output layer) or
    /// <see cref="MlpNetwork.ForwardThrough"/>: input [rows×in] → output [rows×width of <paramref name="lastLayer"/>],
    /// the class probabilities when <paramref name="softmax"/>.
    /// </summary>
    public void Run(MlpNetwork network, ReadOnlySpan<float> input, int rows, int lastLayer, bool softmax, Span<float> output)
    {
        int inputWidth = network.Architecture.InputSize;
        int outputWidth = network.Architecture.LayerOutputSize(lastLayer);
        if (input.Length < (long)rows * inputWidth || output.Length < (long)rows * outputWidth)
            throw new ArgumentException($"Expected [{rows}×{inputWidth}] inputs and room for [{rows}×{outputWidth}] outputs; got {input.Length} and {output.Length}.");
        for (int t = 1; t < _workspaces.Length; t++) _workspaces[t].ShareTransposedWeights(network, _workspaces[0]);
        // The batch's 8-row blocks shared out evenly: about PartRows rows a part, at least two parts a thread where the
        // batch allows, and never fewer than MinimumPartRows rows (the last part may hold the batch's ragged last rows).
        int blocks = (rows + RowsPerBlock - 1) / RowsPerBlock;
        int parts = Math.Max(2 * _pool.Threads, (rows + PartRows / 2) / PartRows);
        parts = Math.Max(2, Math.Min(parts, rows / MinimumPartRows));
        fixed (float* pi = input)
        fixed (float* po = output)
        {
            _input = pi;
            _output = po;
            (_network, _rows, _blocks, _parts) = (network, rows, blocks, parts);
            (_inputWidth, _outputWidth, _lastLayer, _softmax) = (inputWidth, outputWidth, lastLayer, softmax);
            try
            {
                _pool.Run(parts, _body, coarse: true);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                // The pool wraps a tile's failure; a part's is the caller's, as it is on one thread.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw();
            }
            finally
            {
                _input = _output = null;
                _network = null!;
            }
        }
    }

    // Part p's rows (its share of the 8-row blocks) on thread `worker`'s context and buffers.
    private void Part(int part, int worker)
    {
        int first = (int)((long)part * _blocks / _parts) * RowsPerBlock;
        int end = Math.Min(_rows, (int)((long)(part + 1) * _blocks / _parts) * RowsPerBlock);
        int rows = end - first;
        var input = new ReadOnlySpan<float>(_input + (long)first * _inputWidth, rows * _inputWidth);
        var output = new Span<float>(_output + (long)first * _outputWidth, rows * _outputWidth);
        if (_lastLayer == _network.Architecture.LayerCount - 1) _network.Forward(_contexts[worker], input, rows, _workspaces[worker], output, _softmax);
        else _network.ForwardThrough(_contexts[worker], input, rows, _workspaces[worker], _lastLayer, output);
    }
}
