using System.Diagnostics;

namespace NeuralNet.MLExtensions.Benchmarks;

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    /// <summary>Median seconds of <paramref name="runs"/> timed calls after one warm-up call.</summary>
    public static double MedianSeconds(int runs, Action action)
    {
        action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long t = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(t).TotalSeconds;
        }
        return Median(times);
    }

    /// <summary>Resets the kernel's peak-RSS mark (Linux), so the next peak reading covers only what follows.</summary>
    public static void ResetPeakWorkingSet()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static double PeakWorkingSetMb()
    {
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.PeakWorkingSet64 / 1048576.0;
    }
}
