namespace NeuralNet.MLExtensions.Tests;

/// <summary>Bytes a piece of code allocates on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// The fewest bytes <paramref name="calls"/> runs in a row of <paramref name="action"/> allocated on this thread,
    /// over up to <paramref name="rounds"/> rounds (stopping at a round with none), and each round's count. The runtime
    /// itself now and then allocates on a thread that is running code (recompiling a hot method at a higher tier,
    /// say); an allocation per call shows in every round.
    /// </summary>
    public static (long Least, string Rounds) LeastPerRound(Action action, int calls, int rounds = 3)
    {
        var counts = new List<long>();
        for (int round = 0; round < rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < calls; i++) action();
            counts.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            if (counts[^1] == 0) break;
        }
        return (counts.Min(), string.Join(", ", counts));
    }
}
