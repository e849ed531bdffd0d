using NeuralNet.MLExtensions.Files;

namespace NeuralNet.Cli.Terminal;

/// <summary>
/// The command line's output files, written with the library's one atomic writer (<see cref="AtomicFile"/>): a regular
/// file is replaced only when complete, a symbolic link is followed to its target, a device or FIFO is written through,
/// a folder is refused. <c>-</c> and <c>/dev/stdout</c> mean standard output where a command allows it.
/// </summary>
internal static class OutputFile
{
    public static bool IsStandardOutput(string? path) => path is "-" or "/dev/stdout";

    /// <summary>
    /// Fails before any work, naming <paramref name="option"/> and <paramref name="path"/>, when it cannot be written.
    /// Only where <paramref name="standardOutputAllowed"/> do <c>-</c> and <c>/dev/stdout</c> mean standard output.
    /// </summary>
    public static void RequireWritable(string? path, string option, bool standardOutputAllowed = false)
    {
        if (path is null || (standardOutputAllowed && IsStandardOutput(path))) return;
        if (path.Length == 0) throw new CliException($"{option} needs a file name; got an empty one.");
        try
        {
            AtomicFile.CheckWritable(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option}: {e.Message}");
        }
    }

    public static void Write(string path, Action<Stream> write)
    {
        try
        {
            AtomicFile.Write(path, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e.Message);
        }
    }
}
