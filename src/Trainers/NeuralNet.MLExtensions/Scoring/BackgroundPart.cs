using System.Runtime.ExceptionServices;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// Work queued to the thread pool that whoever gets to it first runs: a pool thread, or the thread that needs the
/// result (<see cref="Join"/>), which runs it itself when no pool thread has started it. A cursor read on a pool
/// thread therefore never waits for a pool thread that a busy pool cannot give it.
/// </summary>
internal sealed class BackgroundPart
{
    private readonly Action _work;
    private readonly ManualResetEventSlim _done = new();
    private int _claimed;
    private Exception? _error;

    /// <summary>Work that is not queued yet (as when every pool thread is busy): <see cref="Join"/> runs it.</summary>
    internal BackgroundPart(Action work) => _work = work;

    /// <summary>Queues <paramref name="work"/> to the thread pool.</summary>
    public static BackgroundPart Start(Action work)
    {
        var part = new BackgroundPart(work);
        ThreadPool.UnsafeQueueUserWorkItem(static p => p.Run(), part, preferLocal: false);
        return part;
    }

    /// <summary>Runs the work here unless a pool thread has started it, waits for it, and rethrows its failure.</summary>
    public void Join()
    {
        Run();
        _done.Wait();
        _done.Dispose();
        if (_error is not null) ExceptionDispatchInfo.Capture(_error).Throw();
    }

    private void Run()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0) return;
        try
        {
            _work();
        }
        catch (Exception e)
        {
            _error = e;
        }
        finally
        {
            _done.Set();
        }
    }
}
