using System.Diagnostics;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>One tile of a parallel job, run by thread <paramref name="worker"/> (0 = the caller), for per-thread scratch.</summary>
internal delegate void TileAction(int tile, int worker);

/// <summary>
/// Persistent worker threads for one <see cref="ComputeContext"/>. <see cref="Run"/> hands out the tiles 0..n−1 of a
/// job through one atomic ticket, the caller taking tiles too, and returns when every tile is done. What a tile
/// computes is fixed by its index, so results do not depend on which thread runs it or on how many there are; a
/// thread that is late (the machine is shared) simply gets fewer tiles. Workers spin briefly between jobs (a training
/// step makes many small calls; waking a blocked thread or Parallel.For costs microseconds): 300 µs after a job, or
/// what the job asks for (one-row scoring asks for less, so that sporadic calls keep no core busy for long), then
/// block, and exit after a few idle seconds, so a context that is never disposed leaks no thread. If the caller ever waits long for a
/// tile a worker has claimed (over 200 µs and twice its own share: the worker was preempted, another process has the
/// core), the caller runs the next jobs
/// alone for a while, doubling that while on each repeat, because on a busy machine a descheduled worker costs
/// milliseconds per job. One caller at a time.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    private const int TileBits = 24;
    private const long TileMask = (1L << TileBits) - 1;
    /// <summary>How long workers spin after a job by default: 300 µs.</summary>
    public const int DefaultSpinMicroseconds = 300;
    /// <summary>Gap between jobs below which they count as a stream (see <see cref="Run"/>): 1 ms.</summary>
    public const int StreamMicroseconds = 1000;
    private static readonly long StreamStopwatchTicks = MicrosecondsToStopwatchTicks(StreamMicroseconds);
    private const int IdleExitMilliseconds = 3000;
    private const long StallTicks = 200 * TimeSpan.TicksPerMillisecond / 1000;
    private const int MinimumSoloJobs = 256, MaximumSoloJobs = 16_384;

    private readonly object _lock = new();
    private readonly bool[] _alive;
    private TileAction? _body;
    private int _tiles, _completed, _sleepers;
    private long _lastJobEnd;
    private long _generation, _ticket, _spinStopwatchTicks = MicrosecondsToStopwatchTicks(DefaultSpinMicroseconds);
    private bool _disposed;
    private int _soloJobs, _soloBackoff = MinimumSoloJobs;
    private Exception? _error;

    public WorkerPool(int threads) => _alive = new bool[threads];

    public int Threads => _alive.Length;

    /// <summary>
    /// body(tile, worker) for every tile in 0..tiles−1, spread over the threads; afterwards the workers wait
    /// <paramref name="spinMicroseconds"/> for the next job before they block. With <paramref name="wakeIdleWorkers"/>
    /// false, a job that finds the workers blocked or gone runs on the caller alone, waking or starting no thread,
    /// unless the previous job ended less than <see cref="StreamMicroseconds"/> ago (jobs are coming in a stream, and
    /// the workers will be spinning for the next ones): a lone call then costs nothing more than one thread's work.
    /// A <paramref name="coarse"/> job (few long tiles, each a whole part of the work: a batch's rows scored through
    /// every layer) is neither run alone after a stall nor counted as one: a late worker only takes fewer of its tiles,
    /// and the solo runs that guard many short jobs would cost it hundreds of its own long ones.
    /// </summary>
    public void Run(int tiles, TileAction body, int spinMicroseconds = DefaultSpinMicroseconds, bool wakeIdleWorkers = true, bool coarse = false)
    {
        if (tiles > TileMask) throw new ArgumentOutOfRangeException(nameof(tiles), tiles, $"At most {TileMask} tiles.");
        bool lone = !wakeIdleWorkers && Stopwatch.GetTimestamp() - _lastJobEnd > StreamStopwatchTicks
            && (Volatile.Read(ref _sleepers) > 0 || Array.IndexOf(_alive, false, 1) > 0);
        if (tiles <= 1 || Threads == 1 || (_soloJobs > 0 && !coarse) || lone)
        {
            if (tiles > 1 && _soloJobs > 0 && !coarse) _soloJobs--;
            for (int t = 0; t < tiles; t++) body(t, 0);
            _lastJobEnd = Stopwatch.GetTimestamp();
            return;
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Close the previous job before changing its fields: a worker may still be in Drain for it, between reading
        // the ticket and claiming a tile. Once the ticket says "no tiles left", its claim fails, so it can never run
        // a tile of the old job with the new job's tile count, body or buffers.
        Interlocked.Exchange(ref _ticket, (_generation << TileBits) | TileMask);
        _body = body;
        _tiles = tiles;
        Volatile.Write(ref _spinStopwatchTicks, MicrosecondsToStopwatchTicks(spinMicroseconds));
        _error = null;
        Volatile.Write(ref _completed, 0);
        long generation = ++_generation;
        Interlocked.Exchange(ref _ticket, generation << TileBits);
        if (Volatile.Read(ref _sleepers) > 0 || Array.IndexOf(_alive, false, 1) > 0) Wake();
        long start = Stopwatch.GetTimestamp();
        Drain(generation, 0);
        long waitStart = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (Volatile.Read(ref _completed) != tiles) spin.SpinOnce(sleep1Threshold: -1);
        // A stall: far longer than the caller's own share (an unbalanced last tile waits less than that).
        long waited = Stopwatch.GetTimestamp() - waitStart, own = waitStart - start;
        if (!coarse && waited > StallTicks * Stopwatch.Frequency / TimeSpan.TicksPerSecond && waited > 2 * own)
        {
            _soloJobs = _soloBackoff;
            _soloBackoff = Math.Min(MaximumSoloJobs, 2 * _soloBackoff);
        }
        else if (!coarse)
        {
            _soloBackoff = MinimumSoloJobs;
        }
        _body = null;
        _lastJobEnd = Stopwatch.GetTimestamp();
        if (_error is not null) throw new AggregateException("A parallel kernel failed.", _error);
    }

    // Claims and runs tiles of `generation` until none is left (or a newer job has been published).
    private void Drain(long generation, int worker)
    {
        while (true)
        {
            long ticket = Volatile.Read(ref _ticket);
            if (ticket >> TileBits != generation || (ticket & TileMask) >= _tiles) return;
            if (Interlocked.CompareExchange(ref _ticket, ticket + 1, ticket) != ticket) continue;
            try { _body!((int)(ticket & TileMask), worker); }
            catch (Exception e) { _error ??= e; }
            Interlocked.Increment(ref _completed);
        }
    }

    private void Wake()
    {
        lock (_lock)
        {
            for (int w = 1; w < Threads; w++)
                if (!_alive[w])
                {
                    _alive[w] = true;
                    int worker = w;
                    new Thread(() => Work(worker)) { IsBackground = true, Name = $"NeuralNet kernel worker {w}" }.Start();
                }
            Monitor.PulseAll(_lock);
        }
    }

    private void Work(int worker)
    {
        long done = 0;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            long generation;
            while ((generation = Volatile.Read(ref _ticket) >> TileBits) == done)
            {
                if (Stopwatch.GetTimestamp() - start < Volatile.Read(ref _spinStopwatchTicks))
                {
                    Thread.SpinWait(20);
                    continue;
                }
                lock (_lock)
                {
                    if (_disposed) { _alive[worker] = false; return; }
                    Interlocked.Increment(ref _sleepers);
                    bool woken = Volatile.Read(ref _ticket) >> TileBits != done || Monitor.Wait(_lock, IdleExitMilliseconds);
                    Interlocked.Decrement(ref _sleepers);
                    if (!woken && Volatile.Read(ref _ticket) >> TileBits == done)
                    {
                        _alive[worker] = false;
                        return;
                    }
                }
                start = Stopwatch.GetTimestamp();
            }
            if (Volatile.Read(ref _disposed)) return;
            Drain(generation, worker);
            done = generation;
        }
    }

    private static long MicrosecondsToStopwatchTicks(int microseconds) => microseconds * Stopwatch.Frequency / 1_000_000;

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Monitor.PulseAll(_lock);
        }
    }
}
