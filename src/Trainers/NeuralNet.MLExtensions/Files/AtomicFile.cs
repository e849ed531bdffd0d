using System.Text;

namespace NeuralNet.MLExtensions.Files;

/// <summary>
/// The one way this library, its reports and the command-line trainer write files, so that a failure never leaves a
/// half-written or destroyed file:
/// <list type="bullet">
/// <item>A regular file (or nothing) at the path: the bytes go to a hidden temporary file beside it
/// (<c>.NAME.&lt;guid&gt;.tmp</c>), which replaces the file by a move only when complete, keeping its permissions. On
/// failure or cancellation the temporary file is deleted and the old file is left as it was.</item>
/// <item>A symbolic link: followed to its final target, which is replaced as above; the link stays a link.</item>
/// <item>A device, FIFO or socket (<c>/dev/null</c>, a named pipe) and the process's own streams
/// (<c>/dev/stdout</c>, <c>/dev/stderr</c>, <c>/dev/fd/N</c>, <c>/proc/…</c>): written through, never replaced.</item>
/// <item>A folder: refused.</item>
/// </list>
/// Errors are <see cref="IOException"/>s (or <see cref="UnauthorizedAccessException"/>) whose message names the
/// caller's path, never the temporary file. <see cref="CheckWritable"/> runs the same checks before any long work.
/// </summary>
internal static partial class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts in the stream it is given.</summary>
    public static void Write(string path, Action<Stream> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var (target, kind) = Resolve(path);
        if (kind == FileKind.Folder) throw IsFolder(path);
        if (kind == FileKind.Special)
        {
            using var device = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            write(device);
            device.Flush();
            return;
        }
        string temporary = TemporaryPath(target);
        using var tracked = TemporaryFiles.Track(temporary);
        try
        {
            using (var stream = CreateTemporary(path, temporary, FileOptions.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (kind == FileKind.Regular && !OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            File.Move(temporary, target, overwrite: true);
        }
        catch (IOException e) when (e.Message.Contains(temporary, StringComparison.Ordinal))
        {
            // "No space left on device : '/x/.model.zip.3f2a….tmp'": name the user's file, not ours.
            throw new IOException($"Cannot write {path}: {e.Message.Replace(temporary, target, StringComparison.Ordinal)}", e);
        }
        finally
        {
            TemporaryFiles.TryDelete(temporary);
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>
    /// Fails now, naming <paramref name="path"/>, if a later <see cref="Write"/> to it would fail for where it points:
    /// a folder, a missing folder, or a folder where no file can be created (read-only, no permission).
    /// </summary>
    public static void CheckWritable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (target, kind) = Resolve(path);
        if (kind == FileKind.Folder) throw IsFolder(path);
        if (kind == FileKind.Special) return;
        string temporary = TemporaryPath(target);
        using var tracked = TemporaryFiles.Track(temporary);
        try
        {
            using var probe = CreateTemporary(path, temporary, FileOptions.DeleteOnClose);
        }
        finally
        {
            TemporaryFiles.TryDelete(temporary);
        }
    }

    /// <summary>The file to write and what it is: links followed, except into the process's own streams.</summary>
    private static (string Path, FileKind Kind) Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (IsProcessStream(full)) return (full, File.Exists(full) ? FileKind.Special : FileKind.Missing);
        string target = full;
        try
        {
            if (new FileInfo(full).LinkTarget is not null) target = File.ResolveLinkTarget(full, returnFinalTarget: true)!.FullName;
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write {path}: its symbolic link cannot be followed ({e.Message}).", e);
        }
        if (IsProcessStream(target)) return (full, FileKind.Special);
        return (target, FileKinds.Of(target));
    }

    /// <summary>/dev/stdout and the like point into /proc/self/fd; replacing what they point to would be wrong.</summary>
    private static bool IsProcessStream(string fullPath) =>
        !OperatingSystem.IsWindows() && (fullPath.StartsWith("/proc/", StringComparison.Ordinal)
            || fullPath.StartsWith("/dev/fd/", StringComparison.Ordinal)
            || fullPath is "/dev/stdout" or "/dev/stderr" or "/dev/stdin");

    private static string TemporaryPath(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    private static FileStream CreateTemporary(string path, string temporary, FileOptions options)
    {
        string folder = Path.GetDirectoryName(temporary)!;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Cannot write {path}: folder {folder} does not exist.");
        try
        {
            return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, options);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"Cannot write {path}: no permission to create files in folder {folder}.", e);
        }
        catch (IOException e)
        {
            throw new IOException($"Cannot write {path}: folder {folder} does not take new files (a read-only or special file system).", e);
        }
    }

    private static IOException IsFolder(string path) =>
        new($"Cannot write {path}: it is a folder; give a file name inside it, e.g. {Path.Combine(path, "name")}.");
}
