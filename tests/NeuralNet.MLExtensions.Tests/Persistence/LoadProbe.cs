using System.Diagnostics;
using System.Reflection;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>Runs tests/NeuralNet.MLExtensions.LoadProbe, which loads a saved model in a fresh process and prints its outputs.</summary>
internal static class LoadProbe
{
    private static string Path() =>
        typeof(LoadProbe).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "LoadProbe").Value!;

    /// <summary>The probe's output lines, split on spaces: kind (T or P), row, value bits, class.</summary>
    public static string[][] Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path());
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(120_000), "the load probe finished");
        Assert.AreEqual(0, process.ExitCode, errors.Result);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToArray();
    }
}
