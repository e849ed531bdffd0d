using System.Diagnostics;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Scoring;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// The block scorer's two threads: every row of a block is evaluated exactly once whichever thread claims it, each
/// evaluator is used by one thread at a time, the cursor's thread never waits for a pool thread that does not come, a
/// failure on either thread reaches the cursor, and nothing is evaluated once the scorer is abandoned.
/// </summary>
[TestClass]
public sealed class BlockScorerTests
{
    // outputs[r] = features[r] + 1, counting the evaluations of each row (by its feature value). The first evaluator
    // made is the cursor's own (BlockScorer makes it first), the second the background loop's; each records whether it
    // was ever entered by two threads at once, and the own one whether it ran on a thread other than the test's.
    private sealed class Counting(int[] evaluations, int failAt = -1, int microseconds = 20) : IBlockFunction
    {
        public readonly int[] Evaluations = evaluations;
        public readonly int FailAt = failAt, Microseconds = microseconds;
        public readonly List<Evaluator> Made = [];
        public ManualResetEventSlim? Gate;           // when set, the background evaluator waits on it in its first chunk
        public readonly ManualResetEventSlim Entered = new();
        public int InputSize => 1;
        public int OutputSize => 1;

        public IBlockEvaluator CreateEvaluator(int threads)
        {
            var evaluator = new Evaluator(this, background: Made.Count > 0);
            Made.Add(evaluator);
            return evaluator;
        }

        public sealed class Evaluator(Counting function, bool background) : IBlockEvaluator
        {
            private readonly int _owner = Environment.CurrentManagedThreadId;
            private int _busy;
            public bool Overlapped, LeftItsThread;
            public int Chunks;

            public void Evaluate(ReadOnlySpan<float> features, int rows, Span<float> outputs) =>
                Assert.Fail("The block scorer passes a block's rows as they lie, one array each.");

            public void Evaluate(FeatureRows features, int rows, Span<float> outputs)
            {
                if (Interlocked.Exchange(ref _busy, 1) != 0) Overlapped = true;
                if (!background && Environment.CurrentManagedThreadId != _owner) LeftItsThread = true;
                try
                {
                    Chunks++;
                    if (background && function.Gate is { } gate)
                    {
                        function.Entered.Set();
                        gate.Wait();
                    }
                    for (int r = 0; r < rows; r++)
                    {
                        float x = features(r)[0];
                        int id = (int)x;
                        if (id == function.FailAt) throw new InvalidDataException($"row {id}");
                        Interlocked.Increment(ref function.Evaluations[id]);
                        outputs[r] = x + 1;
                    }
                    // Long enough per chunk for the other thread to claim chunks too.
                    long until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * function.Microseconds / 1_000_000;
                    while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(10);
                }
                finally
                {
                    Volatile.Write(ref _busy, 0);
                }
            }
        }
    }

    private static void Fill(RowBlock block, int first, int rows)
    {
        block.Reserve(rows, 1, 1);
        block.Rows = rows;
        for (int r = 0; r < rows; r++) block.Features(r)[0] = first + r;
    }

    // Each queued loop on a thread of its own (the test runner may keep the pool's threads busy); the threads are kept.
    private static Action<BlockScorer> OwnThreads(List<Thread> threads) => s =>
    {
        var thread = new Thread(s.Loop) { IsBackground = true };
        lock (threads) threads.Add(thread);
        thread.Start();
    };

    [TestMethod]
    public void Blocks_RacingTheBackgroundLoop_EveryRowOnceAndRightEachEvaluatorOnOneThreadAtATime()
    {
        // As the cursor does: two reused blocks, the next read and started before the served one is finished, and
        // the served block's outputs checked once more after the next block has been scored (no late writes).
        const int blocks = 200, rows = 1000;
        var evaluations = new int[blocks * rows];
        var function = new Counting(evaluations, microseconds: 50);
        var threads = new List<Thread>();
        var scorer = new BlockScorer(function, threads: 2, OwnThreads(threads));
        RowBlock[] pair = [new(0, BlockCursor.MaxBlockRows), new(1, BlockCursor.MaxBlockRows)];
        Fill(pair[0], 0, rows);
        scorer.Start(pair[0]);
        for (int b = 0; b < blocks; b++)
        {
            var served = pair[b % 2];
            if (b + 1 < blocks)
            {
                Fill(pair[(b + 1) % 2], (b + 1) * rows, rows);
                scorer.Start(pair[(b + 1) % 2]);
            }
            scorer.Finish(served);
            for (int r = 0; r < rows; r++)
                if (served.Outputs[r] != b * rows + r + 1f) Assert.Fail($"block {b} row {r}: {served.Outputs[r]}");
        }
        scorer.Abandon();
        CollectionAssert.AreEqual(Enumerable.Repeat(1, evaluations.Length).ToArray(), evaluations);
        var (own, background) = (function.Made[0], function.Made[1]);
        Assert.IsFalse(own.Overlapped || background.Overlapped, "an evaluator entered by two threads at once");
        Assert.IsFalse(own.LeftItsThread, "the cursor's evaluator used off the cursor's thread");
        Assert.IsGreaterThan(0, background.Chunks, "the background loop took chunks");
        Assert.IsGreaterThan(0, own.Chunks, "the cursor's thread took chunks");
    }

    [TestMethod]
    public void Finish_PoolNeverRunsTheBackgroundLoop_CursorThreadScoresEveryChunk()
    {
        // What a cursor read on a pool thread meets when the pool has no thread to spare: it must not wait for one.
        var evaluations = new int[2000];
        var function = new Counting(evaluations, microseconds: 0);
        var scorer = new BlockScorer(function, threads: 2, queue: _ => { });
        RowBlock first = new(0, BlockCursor.MaxBlockRows), second = new(1, BlockCursor.MaxBlockRows);
        Fill(first, 0, 1000);
        Fill(second, 1000, 1000);
        scorer.Start(first);
        scorer.Start(second);
        Assert.ThrowsExactly<InvalidOperationException>(() => scorer.Start(first), "no more than two blocks in flight");
        scorer.Finish(first);
        Assert.ThrowsExactly<InvalidOperationException>(() => scorer.Start(second), "a block already being scored");
        scorer.Finish(second);
        CollectionAssert.AreEqual(Enumerable.Repeat(1, evaluations.Length).ToArray(), evaluations);
        Assert.AreEqual(0, function.Made[1].Chunks, "the background evaluator was never used");
    }

    [TestMethod]
    public void Finish_ChunkFailedOnTheBackgroundLoop_RethrowsItsException()
    {
        // The loop runs every chunk and finishes (it stops 200 µs after its last chunk) before the cursor asks.
        var evaluations = new int[1000];
        var threads = new List<Thread>();
        var scorer = new BlockScorer(new Counting(evaluations, failAt: 300, microseconds: 0), threads: 2, OwnThreads(threads));
        var block = new RowBlock(0, BlockCursor.MaxBlockRows);
        Fill(block, 0, 1000);
        scorer.Start(block);
        lock (threads) Assert.AreEqual(1, threads.Count);
        threads[0].Join();
        var e = Assert.ThrowsExactly<InvalidDataException>(() => scorer.Finish(block));
        Assert.AreEqual("row 300", e.Message);
    }

    [TestMethod]
    public void Finish_ChunkFailedOnTheCursorThread_RethrowsIt()
    {
        var evaluations = new int[1000];
        var scorer = new BlockScorer(new Counting(evaluations, failAt: 5, microseconds: 0), threads: 2, queue: _ => { });
        var block = new RowBlock(0, BlockCursor.MaxBlockRows);
        Fill(block, 0, 1000);
        scorer.Start(block);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => scorer.Finish(block));
        Assert.AreEqual("row 5", e.Message);
    }

    [TestMethod]
    public void Abandon_LoopMidChunk_WaitsForThatChunkAndNothingRunsAfter()
    {
        var evaluations = new int[1000];
        var function = new Counting(evaluations, microseconds: 0) { Gate = new ManualResetEventSlim() };
        var threads = new List<Thread>();
        var scorer = new BlockScorer(function, threads: 2, OwnThreads(threads));
        var block = new RowBlock(0, BlockCursor.MaxBlockRows);
        Fill(block, 0, 1000);
        scorer.Start(block);
        Assert.IsTrue(function.Entered.Wait(TimeSpan.FromSeconds(30)), "the loop started its first chunk");
        bool released = false;
        var release = Task.Run(() =>
        {
            Thread.Sleep(50);
            Volatile.Write(ref released, true);
            function.Gate.Set();
        });
        scorer.Abandon();
        Assert.IsTrue(Volatile.Read(ref released), "Abandon returned before the chunk in flight was done");
        release.Wait();
        threads[0].Join();
        Assert.AreEqual(1, function.Made[1].Chunks, "the loop took no chunk after Abandon");
        Assert.AreEqual(128, evaluations.Sum(), "only the chunk in flight was evaluated");
    }

    // Block A's first chunk is held on the pool thread (the gate) while the cursor finishes A: it claims A's other
    // chunks, then, rather than wait, every chunk of the started block B; the gate opens once it has.
    private static (Counting Function, RowBlock A, RowBlock B, BlockScorer Scorer, Task Release) HeldChunk(int failAt)
    {
        var function = new Counting(new int[2000], failAt, microseconds: 0) { Gate = new ManualResetEventSlim() };
        var scorer = new BlockScorer(function, threads: 2, OwnThreads([]));
        RowBlock a = new(0, BlockCursor.MaxBlockRows), b = new(1, BlockCursor.MaxBlockRows);
        Fill(a, 0, 1000);
        Fill(b, 1000, 1000);
        scorer.Start(a);
        Assert.IsTrue(function.Entered.Wait(TimeSpan.FromSeconds(30)), "the loop started A's first chunk");
        scorer.Start(b);
        var own = function.Made[0];
        var release = Task.Run(() =>
        {
            var until = DateTime.UtcNow.AddSeconds(30);
            while (Volatile.Read(ref own.Chunks) < 7 + 8 && DateTime.UtcNow < until) Thread.Sleep(1);
            function.Gate.Set();
        });
        return (function, a, b, scorer, release);
    }

    [TestMethod]
    public void Finish_PoolThreadOnAChunk_CursorThreadScoresTheNextBlockMeanwhile()
    {
        var (function, a, b, scorer, release) = HeldChunk(failAt: -1);
        scorer.Finish(a);
        release.Wait();
        Assert.AreEqual(7 + 8, function.Made[0].Chunks, "the cursor's thread took A's seven other chunks and all eight of B's");
        Assert.AreEqual(1, function.Made[1].Chunks, "the pool thread only the chunk it held");
        scorer.Finish(b);
        for (int r = 0; r < 1000; r++)
        {
            Assert.AreEqual(r + 1f, a.Outputs[r], $"A row {r}");
            Assert.AreEqual(1000 + r + 1f, b.Outputs[r], $"B row {r}");
        }
        CollectionAssert.AreEqual(Enumerable.Repeat(1, 2000).ToArray(), function.Evaluations);
        scorer.Abandon();
    }

    [TestMethod]
    public void Finish_NextBlocksChunkFailsOnTheCursorThread_ThatBlockRethrowsItNotThisOne()
    {
        var (function, a, b, scorer, release) = HeldChunk(failAt: 1500);
        scorer.Finish(a);
        release.Wait();
        Assert.AreEqual(7 + 8, function.Made[0].Chunks, "the cursor's thread took B's chunks, the failing one among them");
        for (int r = 0; r < 1000; r++) Assert.AreEqual(r + 1f, a.Outputs[r], $"A row {r}");
        var e = Assert.ThrowsExactly<InvalidDataException>(() => scorer.Finish(b));
        Assert.AreEqual("row 1500", e.Message);
        scorer.Abandon();
    }
}
