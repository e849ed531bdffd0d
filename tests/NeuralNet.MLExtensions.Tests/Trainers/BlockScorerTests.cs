using NeuralNet.MLExtensions.Scoring;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// The block scorer's two threads: every row of a block is evaluated exactly once whichever thread claims it, the
/// cursor's thread never waits for a pool thread that does not come, and a failure on the pool thread reaches the cursor.
/// </summary>
[TestClass]
public sealed class BlockScorerTests
{
    // outputs[r] = features[r] + 1, counting the evaluations of each row (by its feature value) and the threads used.
    private sealed class Counting(int[] evaluations, int failAt = -1) : IBlockFunction, IBlockEvaluator
    {
        public readonly HashSet<int> Threads = [];
        public int InputSize => 1;
        public int OutputSize => 1;
        public IBlockEvaluator CreateEvaluator(int threads) => this;

        public void Evaluate(ReadOnlySpan<float> features, int rows, Span<float> outputs)
        {
            lock (Threads) Threads.Add(Environment.CurrentManagedThreadId);
            for (int r = 0; r < rows; r++)
            {
                int id = (int)features[r];
                if (id == failAt) throw new InvalidDataException($"row {id}");
                Interlocked.Increment(ref evaluations[id]);
                outputs[r] = features[r] + 1;
            }
            // 20 µs per chunk, so that the other thread claims chunks too.
            long until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency / 50_000;
            while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(10);
        }
    }

    private static RowBlock Block(int index, int first, int rows)
    {
        var block = new RowBlock(index, BlockCursor.MaxBlockRows);
        block.Reserve(rows, 1, 1);
        block.Rows = rows;
        for (int r = 0; r < rows; r++) block.Features[r] = first + r;
        return block;
    }

    [TestMethod]
    public void Blocks_RacingThePoolThread_EveryRowEvaluatedOnceAndRight()
    {
        // As the cursor does: the next block is started before the served one is finished. The background loop runs on
        // a thread of its own (the test runner may keep the pool's threads busy).
        const int blocks = 200, rows = 1000;
        var evaluations = new int[blocks * rows];
        var function = new Counting(evaluations);
        var scorer = new BlockScorer(function, threads: 2, queue: s => new Thread(s.Loop) { IsBackground = true }.Start());
        RowBlock[] pair = [Block(0, 0, rows), Block(1, rows, rows)];
        scorer.Start(pair[0]);
        for (int b = 0; b < blocks; b++)
        {
            if (b + 1 < blocks)
            {
                var next = Block((b + 1) % 2, (b + 1) * rows, rows);
                pair[(b + 1) % 2] = next;
                scorer.Start(next);
            }
            scorer.Finish(pair[b % 2]);
            for (int r = 0; r < rows; r++) Assert.AreEqual(b * rows + r + 1f, pair[b % 2].Outputs[r], $"block {b} row {r}");
        }
        scorer.Abandon();
        CollectionAssert.AreEqual(Enumerable.Repeat(1, evaluations.Length).ToArray(), evaluations);
        Assert.IsGreaterThan(1, function.Threads.Count, "the background loop took chunks too");
    }

    [TestMethod]
    public void Finish_PoolNeverRunsTheBackgroundLoop_CursorThreadScoresEveryChunk()
    {
        // What a cursor read on a pool thread meets when the pool has no thread to spare: it must not wait for one.
        var evaluations = new int[3000];
        var function = new Counting(evaluations);
        var scorer = new BlockScorer(function, threads: 2, queue: _ => { });
        var first = Block(0, 0, 1000);
        var second = Block(1, 1000, 1000);
        scorer.Start(first);
        scorer.Start(second);
        scorer.Finish(first);
        scorer.Finish(second);
        CollectionAssert.AreEqual(Enumerable.Repeat(1, 2000).ToArray(), evaluations[..2000]);
        CollectionAssert.AreEqual(new[] { Environment.CurrentManagedThreadId }, function.Threads.ToArray());
        Assert.ThrowsExactly<InvalidOperationException>(() =>
        {
            scorer.Start(Block(0, 2000, 10));
            scorer.Start(Block(1, 2010, 10));
            scorer.Start(Block(0, 2020, 10));
        }, "no more than two blocks in flight");
    }

    [TestMethod]
    public void Finish_ChunkFailedOnThePoolThread_RethrowsItsException()
    {
        // The loop is run by hand on another thread, so the failing chunk is certainly the pool thread's.
        var evaluations = new int[1000];
        var scorer = new BlockScorer(new Counting(evaluations, failAt: 300), threads: 2, queue: s => new Thread(s.Loop).Start());
        var block = Block(0, 0, 1000);
        scorer.Start(block);
        Thread.Sleep(100);   // the loop takes every chunk before the cursor asks
        var e = Assert.ThrowsExactly<InvalidDataException>(() => scorer.Finish(block));
        Assert.AreEqual("row 300", e.Message);
    }

    [TestMethod]
    public void Finish_ChunkFailedOnTheCursorThread_RethrowsAfterThePoolThreadsChunk()
    {
        var evaluations = new int[1000];
        var scorer = new BlockScorer(new Counting(evaluations, failAt: 5), threads: 2, queue: _ => { });
        var block = Block(0, 0, 1000);
        scorer.Start(block);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => scorer.Finish(block));
        Assert.AreEqual("row 5", e.Message);
        scorer.Abandon();
    }
}
