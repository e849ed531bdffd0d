using NeuralNet.MLExtensions.Scoring;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>A block's background part runs exactly once, on a pool thread or on the thread that needs it.</summary>
[TestClass]
public sealed class BackgroundPartTests
{
    [TestMethod]
    public void Join_NoPoolThreadStartedIt_RunsItOnTheJoiningThread()
    {
        // What a cursor read on a pool thread meets when the pool has no thread to spare: it must not wait for one.
        int ranOn = -1;
        new BackgroundPart(() => ranOn = Environment.CurrentManagedThreadId).Join();
        Assert.AreEqual(Environment.CurrentManagedThreadId, ranOn);
    }

    [TestMethod]
    public void Join_RacingThePool_RunsEveryPartExactlyOnce()
    {
        var counts = new int[2000];
        var parts = Enumerable.Range(0, counts.Length).Select(i => BackgroundPart.Start(() => Interlocked.Increment(ref counts[i]))).ToArray();
        foreach (var part in parts) part.Join();
        CollectionAssert.AreEqual(Enumerable.Repeat(1, counts.Length).ToArray(), counts);
    }

    [TestMethod]
    public void Join_WorkFailed_RethrowsItsException()
    {
        var part = BackgroundPart.Start(() => throw new InvalidDataException("row 7"));
        var e = Assert.ThrowsExactly<InvalidDataException>(part.Join);
        Assert.AreEqual("row 7", e.Message);
    }
}
