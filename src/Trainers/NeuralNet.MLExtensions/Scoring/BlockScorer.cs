using System.Diagnostics;
using System.Runtime.ExceptionServices;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// Evaluates a cursor's blocks. With a background evaluator, a started block is cut into chunks of
/// <see cref="ChunkRows"/> rows that two threads claim one at a time: a pool thread, which takes the oldest started
/// block's chunks and goes straight on to the next started block's, and the cursor's thread, which claims what is left
/// of the block it needs in <see cref="Finish"/> and, until the chunk the pool thread is on is done, takes chunks of the
/// next started block rather than wait idle. The cursor starts the next block as soon as it has read it, so the pool
/// thread is not left idle while the cursor finishes a block and serves it. Neither thread's speed per row is guessed,
/// and a pool thread that never comes (a busy pool) only means the cursor's thread scores everything itself. A row's
/// values depend only on its own features, so how a block is cut never changes them.
/// </summary>
internal sealed class BlockScorer
{
    /// <summary>Rows per chunk: 128, small enough that the last chunk is a short wait, large enough for full-speed products.</summary>
    public const int ChunkRows = 128;

    /// <summary>
    /// How long the pool thread waits for another block once it has run out of chunks, before it returns to the pool:
    /// 200 µs, longer than the cursor takes to serve a block and read the next when the input is fast to read (an
    /// in-memory view: about 0.3 ms per 1,024 rows, most of it overlapped with the pool thread's last chunks), short
    /// enough not to hold a core long when it is slow; then the next block queues the loop again.
    /// </summary>
    public const int SpinMicroseconds = 200;

    private const int Idle = 0, Queued = 1, Running = 2;

    private readonly ChunkEvaluator _own;           // the cursor's thread's
    private readonly ChunkEvaluator? _background;   // the pool thread's loop's
    private readonly Action<BlockScorer> _queue;
    private readonly long _spinTicks = SpinMicroseconds * Stopwatch.Frequency / 1_000_000;
    private BlockJob? _older, _newer;   // started and not finished; the pool thread reads them
    private int _state;                 // the pool thread's loop: Idle, Queued or Running
    private bool _closed;

    public BlockScorer(IBlockFunction function, int threads) : this(function, threads, QueueToPool)
    {
    }

    /// <summary>Tests pass <paramref name="queue"/> to stand in for the thread pool (a pool that never runs the loop, say).</summary>
    internal BlockScorer(IBlockFunction function, int threads, Action<BlockScorer> queue)
    {
        _own = new ChunkEvaluator(function.CreateEvaluator(threads: 1), function.OutputSize);
        if (threads > 1) _background = new ChunkEvaluator(function.CreateEvaluator(threads - 1), function.OutputSize);
        _queue = queue;
    }

    /// <summary>Whether blocks are scored in the background, so the cursor should read the next block ahead.</summary>
    public bool Pipelined => _background is not null;

    /// <summary>
    /// Starts scoring <paramref name="block"/>: in the background when there is a background evaluator (the cursor's
    /// thread joins in <see cref="Finish"/>), else here and now. At most two blocks are started and not finished.
    /// </summary>
    public void Start(RowBlock block)
    {
        if (_background is null)
        {
            _own.Evaluate(block, 0, block.Rows);
            return;
        }
        if (_newer is not null) throw new InvalidOperationException("Two blocks are already being scored; finish one first.");
        if (ReferenceEquals(_older?.Block, block)) throw new InvalidOperationException("This block is already being scored.");
        var job = new BlockJob(block, (block.Rows + ChunkRows - 1) / ChunkRows);
        if (_older is null) Volatile.Write(ref _older, job);
        else Volatile.Write(ref _newer, job);
        if (Interlocked.CompareExchange(ref _state, Queued, Idle) == Idle) _queue(this);
    }

    /// <summary>
    /// Scores what is left of <paramref name="block"/> on this thread, then chunks of the next started block until every
    /// chunk of this one is done (so the block is handed back up to one chunk later than it could be, while the pool
    /// thread goes on), and rethrows the first failure of a chunk of this block. Does nothing for a block that is not
    /// being scored in the background.
    /// </summary>
    public void Finish(RowBlock block)
    {
        var job = ReferenceEquals(_older?.Block, block) ? _older : ReferenceEquals(_newer?.Block, block) ? _newer : null;
        if (job is null) return;
        try
        {
            while (job.TryClaim(out int chunk)) job.Run(_own, chunk, rethrow: true);
            // Rather than wait idle for the chunk the pool thread is on (half a chunk on average, a tenth of a block's
            // time), take the next block's chunks meanwhile: the pool thread goes on to that block's other chunks, so
            // neither thread waits. A failure there is the next block's, rethrown when it is finished.
            var ahead = ReferenceEquals(job, _older) ? _newer : null;
            while (!job.ClaimedDone && ahead is not null && ahead.TryClaim(out int next)) ahead.Run(_own, next, rethrow: false);
            job.WaitForClaimed();
        }
        catch
        {
            job.Close();
            throw;
        }
        finally
        {
            // The newer job moves to _older before _newer is cleared: the loop reads _newer first (HasUnclaimed).
            if (ReferenceEquals(job, _older))
            {
                Volatile.Write(ref _older, _newer);
                Volatile.Write(ref _newer, null);
            }
            else Volatile.Write(ref _newer, null);
        }
        if (job.Error is not null) ExceptionDispatchInfo.Capture(job.Error).Throw();
    }

    /// <summary>Stops the background work and waits for the chunk it is on, ignoring failures (the cursor is being disposed).</summary>
    public void Abandon()
    {
        Volatile.Write(ref _closed, true);
        _older?.Close();
        _newer?.Close();
        Volatile.Write(ref _older, null);
        Volatile.Write(ref _newer, null);
    }

    private static void QueueToPool(BlockScorer scorer) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Loop(), scorer, preferLocal: false);

    // The pool thread: claims chunks of the oldest started block that has any left, waits up to SpinMicroseconds for
    // another block when none has, then returns to the pool (the next Start queues it again).
    internal void Loop()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Queued) != Queued) return;
        long idleSince = 0;
        while (true)
        {
            if (!Volatile.Read(ref _closed) && TryRunOne())
            {
                idleSince = 0;
                continue;
            }
            long now = Stopwatch.GetTimestamp();
            if (idleSince == 0) idleSince = now;
            if (!Volatile.Read(ref _closed) && now - idleSince < _spinTicks)
            {
                Thread.SpinWait(20);
                continue;
            }
            // A full fence (a plain write could pass the reads below): a Start whose exchange saw the loop running
            // and queued nothing published its block before, so HasUnclaimed sees it; take it, unless another loop has
            // been queued since.
            Interlocked.Exchange(ref _state, Idle);
            if (Volatile.Read(ref _closed) || !HasUnclaimed() || Interlocked.CompareExchange(ref _state, Running, Idle) != Idle) return;
            idleSince = 0;
        }
    }

    // _newer first: Finish moves it to _older before clearing it, so a job started and not finished is seen in one of them.
    private bool HasUnclaimed() => Volatile.Read(ref _newer) is { HasUnclaimed: true } || Volatile.Read(ref _older) is { HasUnclaimed: true };

    private bool TryRunOne()
    {
        // A job read here may have been finished since: its chunks are all claimed, so it gives none.
        return TryRunOne(Volatile.Read(ref _older)) || TryRunOne(Volatile.Read(ref _newer));
    }

    private bool TryRunOne(BlockJob? job)
    {
        if (job is null || !job.TryClaim(out int chunk)) return false;
        job.Run(_background!, chunk, rethrow: false);
        return true;
    }

    /// <summary>
    /// One thread's evaluator with its view of the rows of the chunk it is on (made once, so no allocation per chunk);
    /// used by one thread at a time.
    /// </summary>
    private sealed class ChunkEvaluator
    {
        private readonly IBlockEvaluator _evaluator;
        private readonly int _outputSize;
        private readonly FeatureRows _rows;
        private RowBlock? _block;
        private int _first;

        public ChunkEvaluator(IBlockEvaluator evaluator, int outputSize)
        {
            _evaluator = evaluator;
            _outputSize = outputSize;
            _rows = row => _block!.Features(_first + row);
        }

        /// <summary>Evaluates rows [first, first+count) of <paramref name="block"/>.</summary>
        public void Evaluate(RowBlock block, int first, int count)
        {
            (_block, _first) = (block, first);
            try
            {
                _evaluator.Evaluate(_rows, count, block.Outputs.AsSpan(first * _outputSize, count * _outputSize));
            }
            finally
            {
                _block = null;
            }
        }
    }

    /// <summary>One started block: its chunks, claimed by counter, and how many claimed chunks are done.</summary>
    private sealed class BlockJob(RowBlock block, int chunks)
    {
        private int _next, _done, _claimed = -1;

        public RowBlock Block { get; } = block;
        private Exception? _error;

        /// <summary>The first failure recorded for this block (both threads may record one: the cursor's thread runs chunks of the next block early).</summary>
        public Exception? Error => Volatile.Read(ref _error);
        public bool HasUnclaimed => Volatile.Read(ref _next) < chunks;

        public bool TryClaim(out int chunk)
        {
            // Look before incrementing, so that a loop polling a finished job does not write to it.
            chunk = HasUnclaimed ? Interlocked.Increment(ref _next) - 1 : chunks;
            return chunk < chunks;
        }

        // Runs a claimed chunk; a failure on the pool thread is kept for the cursor (Finish rethrows it).
        public void Run(ChunkEvaluator evaluator, int chunk, bool rethrow)
        {
            try
            {
                int first = chunk * ChunkRows;
                evaluator.Evaluate(Block, first, Math.Min(ChunkRows, Block.Rows - first));
            }
            catch (Exception e) when (!rethrow)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            finally
            {
                Interlocked.Increment(ref _done);
            }
        }

        /// <summary>Whether every claimed chunk is done (after the claims have run out, or were closed).</summary>
        public bool ClaimedDone => Volatile.Read(ref _done) >= (_claimed >= 0 ? _claimed : chunks);

        /// <summary>Waits until every claimed chunk is done (after the claims have run out, or were closed).</summary>
        public void WaitForClaimed()
        {
            var spin = new SpinWait();
            while (!ClaimedDone) spin.SpinOnce(sleep1Threshold: -1);
        }

        /// <summary>Leaves no chunk to claim and waits for those claimed.</summary>
        public void Close()
        {
            _claimed = Math.Min(chunks, Interlocked.Exchange(ref _next, int.MaxValue / 2));
            WaitForClaimed();
        }
    }
}
