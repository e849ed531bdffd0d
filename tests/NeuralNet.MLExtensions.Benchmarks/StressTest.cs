using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>
/// Several trainings at once, each on two kernel threads, on a 2-core machine: threads are preempted at every awkward
/// moment, which shakes out races in the worker pool (one such race ran a tile of a finished job on the next job's
/// buffers, crashing or hanging within seconds here in Release builds). Prints progress; exits non-zero if no
/// training finishes for 10 s.
/// </summary>
internal static class StressTest
{
    public static int Run(DataSet digits, int seconds, int trainings = 3)
    {
        long finished = 0;
        for (int t = 0; t < trainings; t++)
        {
            int batch = 32 + 16 * t;
            new Thread(() =>
            {
                for (int seed = 0; ; seed++)
                {
                    MlpEngine.Train(digits.Features, digits.FeatureCount, digits.Labels, default, digits.ClassCount,
                        new MlpTrainingSettings { MaximumNumberOfEpochs = 3, Seed = seed, NumberOfThreads = 2, BatchSize = batch });
                    Interlocked.Increment(ref finished);
                }
            }) { IsBackground = true }.Start();
        }
        long last = -1;
        int quiet = 0;
        for (int s = 1; s <= seconds; s++)
        {
            Thread.Sleep(1000);
            long now = Interlocked.Read(ref finished);
            quiet = now == last ? quiet + 1 : 0;
            last = now;
            if (quiet >= 10)
            {
                Console.WriteLine($"  stress: STUCK after {now} trainings (none finished for 10 s)");
                return 1;
            }
            if (s % 10 == 0) Console.WriteLine($"  stress: {s} s, {now} trainings finished");
        }
        Console.WriteLine($"  stress: OK, {last} trainings in {seconds} s by {trainings} concurrent runs");
        return 0;
    }
}
