using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Tests.Kernels;

[TestClass]
public sealed class WorkerPoolTests
{
    [TestMethod]
    public void WorkerPool_Run_BackToBackJobsOfDifferentSizes_RunEachTileOfEachJobExactlyOnce()
    {
        using var pool = new WorkerPool(2);
        int[] small = new int[3], big = new int[40];
        int outOfRange = 0;
        TileAction smallBody = (t, _) => { if (t < small.Length) Interlocked.Increment(ref small[t]); else Interlocked.Increment(ref outOfRange); };
        TileAction bigBody = (t, _) => { if (t < big.Length) Interlocked.Increment(ref big[t]); else Interlocked.Increment(ref outOfRange); };
        const int rounds = 20_000;
        var finished = Task.Run(() =>
        {
            for (int i = 0; i < rounds; i++)
            {
                pool.Run(small.Length, smallBody);
                pool.Run(big.Length, bigBody);
            }
        }).Wait(TimeSpan.FromSeconds(60));
        Assert.IsTrue(finished, "the jobs completed");
        Assert.AreEqual(0, outOfRange, "no tile ran past the end of its job");
        Assert.IsTrue(small.All(c => c == rounds) && big.All(c => c == rounds), "every tile ran once per round");
    }

    [TestMethod]
    public void WorkerPool_Run_LoneJobThatMayNotWake_RunsOnTheCallerAndStartsNoThread()
    {
        using var pool = new WorkerPool(2);
        var threads = new List<int>();
        TileAction body = (_, worker) => { lock (threads) threads.Add(worker); };
        pool.Run(4, body, wakeIdleWorkers: false);
        CollectionAssert.AreEqual(new[] { 0, 0, 0, 0 }, threads, "every tile on the caller (worker 0)");
        Thread.Sleep(20);   // well past the stream gap: the next job is a lone one again
        threads.Clear();
        pool.Run(4, body, wakeIdleWorkers: false);
        CollectionAssert.AreEqual(new[] { 0, 0, 0, 0 }, threads, "a lone job after a pause stays on the caller");
        // Jobs in a stream start the worker, and every tile of every job still runs exactly once.
        var counts = new int[4];
        TileAction counted = (t, _) => Interlocked.Increment(ref counts[t]);
        for (int i = 0; i < 2_000; i++) pool.Run(4, counted, spinMicroseconds: 50, wakeIdleWorkers: false);
        Assert.IsTrue(counts.All(c => c == 2_000), "every tile ran once per job");
    }

    [TestMethod]
    public void WorkerPool_ConcurrentTrainingRuns_NeverRunATileOfAFinishedJob()
    {
        // Three training runs at once, each with two kernel threads, on two cores: threads are preempted at awkward
        // moments. A worker still in a finished job must never claim a tile of it once the caller has set up the next
        // job; that bug ran a kernel on the next job's (or freed) buffers: an access violation or a hang, within
        // seconds here.
        var data = TabularData.Load("digits_train.csv");
        var until = DateTime.UtcNow.AddSeconds(4);
        var tasks = Enumerable.Range(0, 3).Select(t => Task.Factory.StartNew(() =>
        {
            int runs = 0;
            for (int seed = 0; DateTime.UtcNow < until; seed++, runs++)
                MlpEngine.Train(data.Features, data.FeatureCount, data.Labels, default, data.ClassCount,
                    new MlpTrainingSettings { MaximumNumberOfEpochs = 2, Seed = seed, NumberOfThreads = 2, MinimumParallelStepMultiplyAdds = 0, BatchSize = 32 + 16 * t });
            return runs;
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.IsTrue(Task.WaitAll(tasks, TimeSpan.FromSeconds(120)), "no training run hung");
        Assert.IsTrue(tasks.All(t => t.Result > 0));
    }

    // A job of two tiles in which the worker takes one and holds it for 500 ms while the caller's is quick: a stall,
    // by the pool's rule (waited over 200 µs and over twice the caller's own share). A job first starts the worker, so
    // that the caller's share (waiting for the worker to take its tile) does not include starting a thread.
    private static void Stall(WorkerPool pool, bool coarse)
    {
        pool.Run(2, (_, _) => { });
        int workerStarted = 0;
        pool.Run(2, (_, worker) =>
        {
            if (worker != 0)
            {
                Volatile.Write(ref workerStarted, 1);
                Thread.Sleep(500);
                return;
            }
            // The caller's tile waits for the worker to take the other one, so the worker surely holds a tile.
            var until = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref workerStarted) == 0 && DateTime.UtcNow < until) Thread.Sleep(1);
        }, coarse: coarse);
        Assert.AreEqual(1, workerStarted, "the worker took a tile");
    }

    // Whether a job of many tiles runs any on the worker: the caller's first tile waits for one up to 10 s when one is
    // expected, 300 ms when none is (a job run alone is never published, so no worker can take a tile of it).
    private static bool WorkerJoins(WorkerPool pool, bool coarse, bool expected)
    {
        int workerTiles = 0;
        pool.Run(16, (tile, worker) =>
        {
            if (worker != 0) Interlocked.Increment(ref workerTiles);
            else if (tile == 0)
            {
                var until = DateTime.UtcNow.AddMilliseconds(expected ? 10_000 : 300);
                while (Volatile.Read(ref workerTiles) == 0 && DateTime.UtcNow < until) Thread.Sleep(1);
            }
        }, coarse: coarse);
        return workerTiles > 0;
    }

    [TestMethod]
    public void WorkerPool_Run_AfterAStall_ShortJobsRunAloneButCoarseJobsStillShare()
    {
        using var pool = new WorkerPool(2);
        Stall(pool, coarse: false);
        Assert.IsFalse(WorkerJoins(pool, coarse: false, expected: false), "after a stall, the next short jobs run on the caller alone");
        Assert.IsTrue(WorkerJoins(pool, coarse: true, expected: true), "a coarse job still shares its tiles with the worker");
        Assert.IsFalse(WorkerJoins(pool, coarse: false, expected: false), "and the short jobs' solo run goes on");
    }

    [TestMethod]
    public void WorkerPool_Run_StallInACoarseJob_StartsNoSoloRun()
    {
        using var pool = new WorkerPool(2);
        Stall(pool, coarse: true);
        Assert.IsTrue(WorkerJoins(pool, coarse: false, expected: true), "a late worker in a coarse job does not make later jobs run alone");
    }
}
