namespace NeuralNet.MLExtensions.Files;

internal static partial class AtomicFile
{
    /// <summary>
    /// Writes a text file and, beside it, a folder of files it links to (a Markdown report and its images), so that a
    /// failure leaves no partial folder: a new folder is filled under a temporary name and moved into place before the
    /// text file is written, and removed again if that fails. Into an existing folder each file is replaced atomically.
    /// </summary>
    public static void WriteWithFolder(string path, string text, string folder, IEnumerable<(string Name, byte[] Bytes)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        CheckWritable(path);
        string full = Path.GetFullPath(folder);
        if (Directory.Exists(full))
        {
            foreach (var (name, bytes) in files) WriteAllBytes(Path.Combine(full, name), bytes);
            WriteAllText(path, text);
            return;
        }
        if (File.Exists(full)) throw new IOException($"Cannot write the folder {folder}: a file of that name is in the way.");

        string temporary = TemporaryPath(full);
        using var tracked = TemporaryFiles.Track(temporary);
        bool placed = false;
        try
        {
            Directory.CreateDirectory(temporary);
            foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(temporary, name), bytes);
            Directory.Move(temporary, full);
            placed = true;
            WriteAllText(path, text);
        }
        catch
        {
            if (placed) TemporaryFiles.TryDelete(full);
            throw;
        }
        finally
        {
            TemporaryFiles.TryDelete(temporary);
        }
    }
}
