using System.Diagnostics;
using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>
/// The scale mode (<c>--scale N[,N...]</c>): for each N, the synthetic set (<see cref="SyntheticData"/>) of N rows is
/// written once to ML.NET's binary format, then trained on from that file with the streamed path (default Tabular
/// options: above 50,000 rows a single 20-100-10 network, batches of 256, a fifth of the rows held out). Prints the
/// first pass's rows/s, each epoch's rows/s, the peak working set while training, and the accuracy on 100,000 fresh rows
/// next to the noiseless rule's. <c>--scale-compare</c> also trains the same file in memory and prints the ratio of
/// the epochs' throughputs; <c>--scale-shuffle</c> streams through the file's shuffled cursor (<c>ShuffleStreamedReads</c>).
/// </summary>
internal static class ScaleBench
{
    private const int Seed = 1, TestRows = 100_000;
    private static bool _shuffle;

    public static void Run(IReadOnlyList<long> sizes, string directory, int epochs, bool compare, int? threads, bool shuffle = false)
    {
        _shuffle = shuffle;
        Console.WriteLine($"\n## Scale: synthetic {SyntheticData.FeatureCount} features, {SyntheticData.ClassCount} classes (argmax of a fixed linear map plus noise σ {SyntheticData.Noise}), " +
            $"binary files in {directory}, {epochs} epochs, {(threads is null ? "default threads" : $"{threads} thread(s)")}{(shuffle ? ", streamed epochs through the shuffled cursor" : "")}");
        var ml = new MLContext(seed: 0);
        var test = SyntheticData.View(ml, long.MaxValue / 2, TestRows, Seed);   // rows far from any training row
        Console.WriteLine($"  the noiseless rule's accuracy on the {TestRows:N0} test rows (the ceiling): {SyntheticData.RuleAccuracy(long.MaxValue / 2, TestRows, Seed):F4}");
        foreach (long n in sizes)
        {
            var watch = Stopwatch.StartNew();
            string path = SyntheticData.EnsureFile(ml, directory, n, Seed, out bool written);
            Console.WriteLine($"  N = {n:N0}: {(written ? $"wrote {path} in {watch.Elapsed.TotalSeconds:F0} s" : $"reusing {path}")} ({new FileInfo(path).Length / 1048576.0:F0} MB)");
            var data = ml.Data.LoadFromBinary(path);
            var streamed = Train(ml, data, test, n, epochs, MlpDataPath.Streaming, threads);
            if (!compare) continue;
            var inMemory = Train(ml, data, test, n, epochs, MlpDataPath.InMemory, threads);
            Console.WriteLine($"    streamed/in-memory epoch throughput: ×{streamed.EpochRowsPerSecond / inMemory.EpochRowsPerSecond:F2} " +
                $"(first pass / in-memory read: ×{streamed.FirstPassRowsPerSecond / inMemory.FirstPassRowsPerSecond:F2})");
        }
    }

    private sealed record Result(double FirstPassRowsPerSecond, double EpochRowsPerSecond);

    private static Result Train(MLContext ml, IDataView data, IDataView test, long rows, int epochs, MlpDataPath path, int? threads)
    {
        var marks = new List<(DateTime Wall, EpochReport Report)>();
        var options = new MlpTrainer.Options { DataPath = path, ShuffleStreamedReads = _shuffle, MaximumNumberOfEpochs = epochs, Seed = Seed, NumberOfThreads = threads, EpochCompleted = r => marks.Add((DateTime.UtcNow, r)) };
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Stats.ResetPeakWorkingSet();
        var start = DateTime.UtcNow;
        var model = ml.MulticlassClassification.Trainers.Mlp(options).Fit(data);
        double peakMb = Stats.PeakWorkingSetMb();

        // Before epoch 1: the first pass (streamed) or the copy into memory; then each epoch from the reports' clock.
        double before = (marks[0].Wall - start).TotalSeconds - marks[0].Report.Elapsed.TotalSeconds;
        var epochSeconds = marks.Select((m, i) => (m.Report.Elapsed - (i == 0 ? TimeSpan.Zero : marks[i - 1].Report.Elapsed)).TotalSeconds).ToArray();
        double epochRate = rows / Stats.Median(epochSeconds);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
        Console.WriteLine($"    {path,-9}: {(path == MlpDataPath.Streaming ? "first pass" : "read into memory")} {rows / before:N0} rows/s ({before:F1} s); " +
            $"epochs {string.Join(", ", epochSeconds.Select(s => $"{rows / s:N0}"))} rows/s ({string.Join(", ", epochSeconds.Select(s => $"{s:F1} s"))}); " +
            $"peak working set {peakMb:N0} MB; test accuracy {metrics.MicroAccuracy:F4}");
        return new Result(rows / before, epochRate);
    }
}
