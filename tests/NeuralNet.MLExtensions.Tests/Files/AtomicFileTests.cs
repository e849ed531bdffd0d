using System.Diagnostics;
using NeuralNet.MLExtensions.Files;

namespace NeuralNet.MLExtensions.Tests.Files;

/// <summary>The one atomic writer: what it does to each kind of path, and that it leaves nothing behind.</summary>
[TestClass]
public sealed class AtomicFileTests
{
    private string _folder = null!;

    [TestInitialize]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("atomic").FullName;

    [TestCleanup]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    private string F(string name) => Path.Combine(_folder, name);

    private string[] Leftovers() => Directory.GetFileSystemEntries(_folder, "*.tmp", SearchOption.AllDirectories);

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"{program} {string.Join(' ', args)}");
    }

    [TestMethod]
    public void AtomicFile_Write_ReplacesARegularFileKeepingItsPermissions()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix permissions.");
            return;
        }
        File.WriteAllText(F("a.txt"), "old");
        File.SetUnixFileMode(F("a.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AtomicFile.WriteAllText(F("a.txt"), "new");
        Assert.AreEqual("new", File.ReadAllText(F("a.txt")));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(F("a.txt")));
        Assert.IsEmpty(Leftovers());
    }

    [TestMethod]
    public void AtomicFile_Write_FollowsASymbolicLinkAndKeepsTheLink()
    {
        Directory.CreateDirectory(F("real"));
        File.WriteAllText(F("real/target.txt"), "old");
        File.CreateSymbolicLink(F("link.txt"), Path.Combine("real", "target.txt"));
        AtomicFile.WriteAllText(F("link.txt"), "new");
        Assert.IsNotNull(new FileInfo(F("link.txt")).LinkTarget, "the link is still a link");
        Assert.AreEqual("new", File.ReadAllText(F("real/target.txt")));
        Assert.IsEmpty(Leftovers());
    }

    [TestMethod]
    public void AtomicFile_Write_DanglingLink_CreatesTheTarget()
    {
        File.CreateSymbolicLink(F("link.txt"), F("made.txt"));
        AtomicFile.WriteAllText(F("link.txt"), "new");
        Assert.AreEqual("new", File.ReadAllText(F("made.txt")));
        Assert.IsNotNull(new FileInfo(F("link.txt")).LinkTarget);
    }

    [TestMethod]
    public void AtomicFile_Write_Fifo_IsWrittenThroughNotReplaced()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("No FIFOs on Windows.");
        Run("mkfifo", F("pipe"));
        var reader = Task.Run(() => File.ReadAllText(F("pipe")));
        var writer = Task.Run(() => AtomicFile.WriteAllText(F("pipe"), "through the pipe"));
        // Bounded so a regression (the FIFO replaced, the reader left waiting) fails instead of hanging the run.
        Assert.IsTrue(Task.WaitAll([reader, writer], TimeSpan.FromMinutes(1)), "the reader got the bytes");
        Assert.AreEqual("through the pipe", reader.Result);
        Assert.AreEqual(FileKind.Special, FileKinds.Of(F("pipe")));
        Assert.IsEmpty(Leftovers());
    }

    [TestMethod]
    public void AtomicFile_Write_CharacterDevice_IsWrittenThroughNotReplaced()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") Assert.Inconclusive("Making a device node needs root on Linux.");
        Run("mknod", F("null"), "c", "1", "3");   // a private /dev/null
        AtomicFile.WriteAllText(F("null"), "gone");
        Assert.AreEqual(FileKind.Special, FileKinds.Of(F("null")));
        Assert.AreEqual("", File.ReadAllText(F("null")));
    }

    [TestMethod]
    public void AtomicFile_Write_Folder_IsRefusedNamingThePath()
    {
        Directory.CreateDirectory(F("dir"));
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(F("dir"), "x"));
        StringAssert.StartsWith(e.Message, $"Cannot write {F("dir")}: it is a folder");
    }

    [TestMethod]
    public void AtomicFile_Write_FailureWhileWriting_KeepsTheOldFileAndNoTemporary()
    {
        File.WriteAllText(F("a.txt"), "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(F("a.txt"), s =>
        {
            s.Write("half"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.AreEqual("old", File.ReadAllText(F("a.txt")));
        Assert.IsEmpty(Leftovers());
    }

    [TestMethod]
    public void AtomicFile_Write_Cancelled_KeepsTheOldFileAndNoTemporary()
    {
        File.WriteAllText(F("a.txt"), "old");
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => AtomicFile.Write(F("a.txt"), s =>
        {
            s.Write("new"u8);
            cancel.Cancel();
        }, cancel.Token));
        Assert.AreEqual("old", File.ReadAllText(F("a.txt")));
        Assert.IsEmpty(Leftovers());
    }

    [TestMethod]
    public void TemporaryFiles_DeleteAll_DuringAWrite_RemovesTheTemporary()
    {
        // What the Ctrl-C handler runs: the temporary is deleted at once; the old file is kept.
        File.WriteAllText(F("a.txt"), "old");
        string[] during = [];
        Assert.Throws<IOException>(() => AtomicFile.Write(F("a.txt"), s =>
        {
            s.Write("new"u8);
            TemporaryFiles.DeleteAll();
            during = Leftovers();
        }));
        Assert.IsEmpty(during, "deleted while the write was still going");
        Assert.AreEqual("old", File.ReadAllText(F("a.txt")));
    }

    [TestMethod]
    public void AtomicFile_CheckWritable_MissingFolder_NamesThePath()
    {
        string path = F("nope/a.txt");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.CheckWritable(path));
        Assert.AreEqual($"Cannot write {path}: folder {F("nope")} does not exist.", e.Message);
    }

    [TestMethod]
    public void AtomicFile_CheckWritable_FolderThatTakesNoFiles_NamesThePathNotTheTemporary()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("/proc is Linux's; even root cannot create files there.");
        var e = Assert.Throws<IOException>(() => AtomicFile.CheckWritable("/proc/model.zip"));
        StringAssert.StartsWith(e.Message, "Cannot write /proc/model.zip: folder /proc does not take new files");
        Assert.DoesNotContain(".tmp", e.Message);
    }

    [TestMethod]
    public void AtomicFile_CheckWritable_LeavesNothing()
    {
        AtomicFile.CheckWritable(F("a.txt"));
        Assert.IsEmpty(Directory.GetFileSystemEntries(_folder));
    }

    [TestMethod]
    public void AtomicFile_WriteWithFolder_FailureHalfWay_LeavesNoFolder()
    {
        IEnumerable<(string, byte[])> Files()
        {
            yield return ("one.png", [1]);
            throw new IOException("No space left on device");
        }
        Assert.Throws<IOException>(() => AtomicFile.WriteWithFolder(F("r.md"), "text", F("r_images"), Files()));
        Assert.IsEmpty(Directory.GetFileSystemEntries(_folder));
    }

    [TestMethod]
    public void AtomicFile_WriteWithFolder_TextFails_RemovesTheNewFolder()
    {
        Directory.CreateDirectory(F("r.md"));   // the text file cannot be written
        Assert.Throws<IOException>(() => AtomicFile.WriteWithFolder(F("r.md"), "text", F("r_images"), [("one.png", new byte[] { 1 })]));
        CollectionAssert.AreEqual(new[] { F("r.md") }, Directory.GetFileSystemEntries(_folder));
    }

    [TestMethod]
    public void AtomicFile_WriteWithFolder_WritesBoth()
    {
        AtomicFile.WriteWithFolder(F("r.md"), "text", F("r_images"), [("one.png", new byte[] { 1 })]);
        Assert.AreEqual("text", File.ReadAllText(F("r.md")));
        CollectionAssert.AreEqual(new byte[] { 1 }, File.ReadAllBytes(F("r_images/one.png")));
        Assert.IsEmpty(Leftovers());
    }
}
