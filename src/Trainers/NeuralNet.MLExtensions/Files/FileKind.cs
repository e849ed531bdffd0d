using System.Runtime.InteropServices;

namespace NeuralNet.MLExtensions.Files;

/// <summary>What a path names, following symbolic links: nothing, a regular file, a folder, or anything else.</summary>
internal enum FileKind
{
    /// <summary>Nothing is there (or a symbolic link points nowhere).</summary>
    Missing,
    /// <summary>A regular file: replaced atomically.</summary>
    Regular,
    /// <summary>A folder: never written.</summary>
    Folder,
    /// <summary>A device, FIFO or socket: written through, never replaced.</summary>
    Special,
}

/// <summary>
/// Finds a path's <see cref="FileKind"/>. .NET has no public API for the file type on Unix (a device reports as a
/// normal file), so this asks the runtime's own native shim, <c>SystemNative_Stat</c> in libSystem.Native, which every
/// .NET runtime on Unix ships and whose status record starts with the flags and the mode in .NET's portable encoding.
/// Should that call be unavailable, a path that exists and is not a folder counts as regular (the old behaviour).
/// </summary>
internal static partial class FileKinds
{
    private const int TypeMask = 0xF000, RegularType = 0x8000, FolderType = 0x4000;

    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Folder;
        if (!File.Exists(path)) return FileKind.Missing;
        if (OperatingSystem.IsWindows()) return FileKind.Regular;
        try
        {
            if (Stat(path, out var status) != 0) return FileKind.Regular;
            return (status.Mode & TypeMask) switch
            {
                RegularType => FileKind.Regular,
                FolderType => FileKind.Folder,
                _ => FileKind.Special,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileKind.Regular;
        }
    }

    // .NET's FileStatus is about 120 bytes; the size here leaves room for fields a later runtime may add.
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out FileStatus status);
}
