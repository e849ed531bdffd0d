using System.Diagnostics;
using System.Text.Json;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>Runs /work/shared/peers/sklearn_mlp.py (Debian's python) and reads its one JSON line.</summary>
internal static class SklearnPeer
{
    public sealed record Result(double TrainSamplesPerSecond, double InferSamplesPerSecond, double TestAccuracy, double TrainGflops);

    public static Result? Run(string script, string dataset, int epochs, int threads)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, dataset, "--epochs", epochs.ToString(), "--threads", threads.ToString() })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        string? line = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"  scikit-learn failed (exit {process.ExitCode}): {error.Trim().Split('\n').LastOrDefault()}");
            return null;
        }
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new Result(root.GetProperty("train_samples_per_s").GetDouble(), root.GetProperty("infer_samples_per_s").GetDouble(),
            root.GetProperty("test_accuracy").GetDouble(), root.GetProperty("train_gflops").GetDouble());
    }
}
