using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace NeuralNet.MLExtensions.Files;

/// <summary>
/// The temporary files and folders <see cref="AtomicFile"/> is writing right now, so that they can be removed when the
/// process is interrupted: a finally block does not run when Ctrl-C ends a process. A program opts in with
/// <see cref="DeleteOnInterrupt"/> (the command-line trainer does); a library must not take over the signals of the
/// program that uses it.
/// </summary>
internal static class TemporaryFiles
{
    private static readonly ConcurrentDictionary<string, bool> Pending = new();
    private static readonly List<PosixSignalRegistration> Registrations = [];

    /// <summary>Names a temporary path as in progress until the returned handle is disposed.</summary>
    public static IDisposable Track(string path)
    {
        Pending[path] = true;
        return new Tracked(path);
    }

    /// <summary>Deletes every temporary file and folder in progress (they are never the user's files).</summary>
    public static void DeleteAll()
    {
        foreach (string path in Pending.Keys) TryDelete(path);
    }

    /// <summary>
    /// On Ctrl-C, SIGTERM or SIGHUP, deletes the temporaries in progress and lets the signal end the process as usual.
    /// Call once, at the start of a program.
    /// </summary>
    public static void DeleteOnInterrupt()
    {
        lock (Registrations)
        {
            if (Registrations.Count > 0) return;
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            {
                try { Registrations.Add(PosixSignalRegistration.Create(signal, _ => DeleteAll())); }
                catch (PlatformNotSupportedException) { }   // SIGHUP on Windows
            }
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private sealed class Tracked(string path) : IDisposable
    {
        public void Dispose() => Pending.TryRemove(path, out _);
    }
}
