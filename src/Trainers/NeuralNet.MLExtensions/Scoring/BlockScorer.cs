namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// Evaluates a cursor's blocks. With a background evaluator, a block is cut into chunks of <see cref="ChunkRows"/>
/// rows that two threads claim one at a time: a pool thread starts on them as soon as the block is read, while the
/// cursor's thread reads the next block; then the cursor's thread claims what is left and waits only for the chunk the
/// pool thread is on. Neither thread's speed is guessed, so neither waits long for the other however the machine's
/// load shifts. A row's values depend only on its own features, so how a block is cut never changes them.
/// </summary>
internal sealed class BlockScorer
{
    /// <summary>Rows per chunk: 128, small enough that the last chunk is a short wait, large enough for full-speed products.</summary>
    public const int ChunkRows = 128;

    private readonly IBlockEvaluator _own;
    private readonly IBlockEvaluator? _background;
    private readonly int _inputSize, _outputSize;
    private BackgroundPart? _pending;
    private RowBlock? _pendingBlock;
    private int _nextChunk, _chunks;   // claims on the pending block's chunks

    public BlockScorer(IBlockFunction function, int threads)
    {
        _inputSize = function.InputSize;
        _outputSize = function.OutputSize;
        _own = function.CreateEvaluator(threads: 1);
        if (threads > 1) _background = function.CreateEvaluator(threads - 1);
    }

    /// <summary>Whether blocks are scored in the background, so the cursor should read the next block ahead.</summary>
    public bool Pipelined => _background is not null;

    /// <summary>
    /// Starts scoring <paramref name="block"/>: in the background when there is a background evaluator (the cursor's
    /// thread joins in <see cref="Finish"/>), else here and now.
    /// </summary>
    public void Start(RowBlock block)
    {
        if (_pendingBlock is not null) Finish(_pendingBlock);
        if (_background is null)
        {
            Evaluate(_own, block, 0, block.Rows);
            return;
        }
        _pendingBlock = block;
        _chunks = (block.Rows + ChunkRows - 1) / ChunkRows;
        Volatile.Write(ref _nextChunk, 0);
        _pending = BackgroundPart.Start(() => Drain(_background, block));
    }

    /// <summary>Scores what is left of <paramref name="block"/> on this thread and waits until every chunk is done.</summary>
    public void Finish(RowBlock block)
    {
        if (_pending is null || !ReferenceEquals(_pendingBlock, block)) return;
        var pending = _pending;
        _pending = null;
        _pendingBlock = null;
        try
        {
            Drain(_own, block);
        }
        finally
        {
            // The background part has finished its chunk (or, never started by the pool, runs here and finds none left).
            pending.Join();
        }
    }

    /// <summary>Finishes any background work, ignoring its failure (the cursor is being disposed).</summary>
    public void Abandon()
    {
        try
        {
            Volatile.Write(ref _nextChunk, int.MaxValue / 2);   // no more chunks to claim
            _pending?.Join();
        }
        catch (Exception)
        {
            // The consumer stopped reading: a failure in rows it will never see is not its concern.
        }
        _pending = null;
        _pendingBlock = null;
    }

    // Claims and evaluates the block's chunks until none is left.
    private void Drain(IBlockEvaluator evaluator, RowBlock block)
    {
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < _chunks)
        {
            int first = chunk * ChunkRows;
            Evaluate(evaluator, block, first, Math.Min(ChunkRows, block.Rows - first));
        }
    }

    // Evaluates rows [first, first+count) of the block.
    private void Evaluate(IBlockEvaluator evaluator, RowBlock block, int first, int count) =>
        evaluator.Evaluate(block.Features.AsSpan(first * _inputSize, count * _inputSize), count,
            block.Outputs.AsSpan(first * _outputSize, count * _outputSize));
}
