namespace NeuralNet.Cli.Terminal;

/// <summary>Writes an output through a temporary file beside it and a move, so a failure leaves nothing half-written.</summary>
internal static class AtomicWrite
{
    /// <summary>Fails early, before any work, when <paramref name="path"/>'s folder does not exist.</summary>
    public static void RequireFolder(string? path)
    {
        if (path is null) return;
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder)) throw new CliException($"Cannot write {path}: folder {folder} does not exist.");
    }

    public static void Run(string path, Action<string> writeTemporary)
    {
        RequireFolder(path);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
