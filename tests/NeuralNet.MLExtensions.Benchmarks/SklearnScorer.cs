using System.Diagnostics;
using System.Globalization;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>
/// scikit-learn's <c>predict_proba</c> on the 60,000 Fashion-MNIST training rows, kept running in a Python process
/// (<c>sklearn_score.py</c>, Debian's python) and timed on request, so the benchmark can interleave it with its own
/// scoring and quote ratios measured at the same moments.
/// </summary>
internal sealed class SklearnScorer : IDisposable
{
    private readonly Process _process;

    private SklearnScorer(Process process) => _process = process;

    /// <summary>The scorer on <paramref name="threads"/> threads, or null (with the reason printed) when it cannot start.</summary>
    public static SklearnScorer? Start(string fashionDirectory, int threads)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "sklearn_score.py"), fashionDirectory, threads.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        try
        {
            var process = Process.Start(start)!;
            if (process.StandardOutput.ReadLine() == "ready") return new SklearnScorer(process);
            Console.WriteLine($"  scikit-learn scorer did not start (exit {(process.WaitForExit(5000) ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "none")})");
            process.Dispose();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"  scikit-learn scorer did not start: {e.Message}");
        }
        return null;
    }

    /// <summary>Seconds one <c>predict_proba</c> over all 60,000 rows takes, measured in the Python process.</summary>
    public double Seconds()
    {
        _process.StandardInput.WriteLine("score");
        _process.StandardInput.Flush();
        string line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The scikit-learn scorer stopped.");
        return double.Parse(line, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("stop");
            _process.StandardInput.Close();
            _process.WaitForExit(10_000);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
