using System.Diagnostics;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// Evaluates a cursor's blocks. With a background evaluator, a block's rows are split in two: the background thread
/// takes the last rows and the cursor's own thread the first ones, in proportions that balance the two threads'
/// time (the cursor's thread also reads the input and serves the rows, measured as it goes). A row's values depend
/// only on its own features, so how a block is split never changes them.
/// </summary>
internal sealed class BlockScorer
{
    private const int MinimumPart = 8;
    private readonly IBlockEvaluator _own;
    private readonly IBlockEvaluator? _background;
    private readonly int _inputSize, _outputSize;
    private BackgroundPart? _pending;
    private RowBlock? _pendingBlock;
    private double? _ownPerRow, _backgroundPerRow;   // seconds per row, smoothed; null until measured

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
    /// Starts scoring <paramref name="block"/>: its last rows in the background, then its first rows on this thread.
    /// <paramref name="otherSeconds"/> is the time this thread spends per block on other work (reading, serving).
    /// </summary>
    public void Start(RowBlock block, double otherSeconds)
    {
        if (_pendingBlock is not null) Finish(_pendingBlock);
        int rows = block.Rows, own = rows;
        if (_background is not null)
        {
            // own·ownPerRow + other = (rows − own)·backgroundPerRow, so both threads finish together.
            double background = _backgroundPerRow ?? _ownPerRow ?? 1, ownPerRow = _ownPerRow ?? background;
            double split = (rows * background - otherSeconds) / (ownPerRow + background);
            own = (int)Math.Clamp(Math.Round(split), 0, rows);
            if (own < MinimumPart) own = 0;
            if (rows - own < MinimumPart) own = rows;
        }
        if (own < rows)
        {
            int first = own;
            _pendingBlock = block;
            _pending = BackgroundPart.Start(() => _backgroundPerRow = Smooth(_backgroundPerRow, Evaluate(_background!, block, first, rows - first)));
        }
        if (own > 0) _ownPerRow = Smooth(_ownPerRow, Evaluate(_own, block, 0, own));
    }

    /// <summary>Waits until <paramref name="block"/> is fully scored (scoring its background part here if no thread has started it).</summary>
    public void Finish(RowBlock block)
    {
        if (_pending is null || !ReferenceEquals(_pendingBlock, block)) return;
        var pending = _pending;
        _pending = null;
        _pendingBlock = null;
        pending.Join();
    }

    /// <summary>Finishes any background work, ignoring its failure (the cursor is being disposed).</summary>
    public void Abandon()
    {
        try
        {
            _pending?.Join();
        }
        catch (Exception)
        {
            // The consumer stopped reading: a failure in rows it will never see is not its concern.
        }
        _pending = null;
        _pendingBlock = null;
    }

    // Evaluates rows [first, first+count) of the block; returns seconds per row.
    private double Evaluate(IBlockEvaluator evaluator, RowBlock block, int first, int count)
    {
        long start = Stopwatch.GetTimestamp();
        evaluator.Evaluate(block.Features.AsSpan(first * _inputSize, count * _inputSize), count,
            block.Outputs.AsSpan(first * _outputSize, count * _outputSize));
        return Stopwatch.GetElapsedTime(start).TotalSeconds / count;
    }

    private static double Smooth(double? previous, double latest) => previous is double p ? 0.5 * p + 0.5 * latest : latest;
}
