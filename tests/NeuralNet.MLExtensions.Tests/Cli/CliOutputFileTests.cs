using System.Diagnostics;
namespace NeuralNet.MLExtensions.Tests.Cli;

/// <summary>Output paths that are not plain files: links, FIFOs, devices, standard output, folders, unwritable places.</summary>
[TestClass]
public sealed class CliOutputFileTests
{
    private static string _folder = null!;
    private static string F(string name) => Path.Combine(_folder, name);

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("cli-files").FullName;
        FlowerCsv.Write(F("train.csv"), "iris_train.csv");
        FlowerCsv.Write(F("test.csv"), "iris_test.csv");
        var run = CliRun.Of("train", "--train", F("train.csv"), "--test", F("test.csv"), "--label", "species", "--hidden", "8", "--epochs", "20", "--model", F("model.zip"));
        Assert.AreEqual(0, run.ExitCode, run.Error);
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    private static CliRun Predict(string output) => CliRun.Of("predict", "--model", F("model.zip"), "--data", F("test.csv"), "--output", output);

    private static void AssertOneLineError(CliRun run, string start)
    {
        Assert.AreEqual(2, run.ExitCode, run.Error);
        StringAssert.StartsWith(run.Error, $"error: {start}");
        Assert.HasCount(1, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), run.Error);
    }

    /// <summary>What stat(1) calls the file: "regular file", "fifo", "character special file", ….</summary>
    private static string FileType(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%F", path]) { RedirectStandardOutput = true })!;
        string type = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return type;
    }

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode);
    }

    [TestMethod]
    public void Cli_Predict_OutputSymlink_WritesTheTargetAndKeepsTheLink()
    {
        File.WriteAllText(F("target.csv"), "old");
        File.CreateSymbolicLink(F("link.csv"), F("target.csv"));
        var run = Predict(F("link.csv"));
        Assert.AreEqual(0, run.ExitCode, run.Error);
        Assert.IsNotNull(new FileInfo(F("link.csv")).LinkTarget, "still a link");
        StringAssert.StartsWith(File.ReadAllText(F("target.csv")), "PredictedLabel,");
    }

    [TestMethod]
    public void Cli_Predict_OutputFifo_IsWrittenThrough()
    {
        if (OperatingSystem.IsWindows()) Assert.Inconclusive("No FIFOs on Windows.");
        Run("mkfifo", F("predictions.fifo"));
        var reader = Task.Run(() => File.ReadAllLines(F("predictions.fifo")));
        var writer = Task.Run(() => Predict(F("predictions.fifo")));
        // Bounded so a regression (the FIFO replaced by a file, the reader left waiting) fails instead of hanging.
        Assert.IsTrue(Task.WaitAll([reader, writer], TimeSpan.FromMinutes(2)), "the reader got the predictions");
        Assert.AreEqual(0, writer.Result.ExitCode, writer.Result.Error);
        Assert.HasCount(39, reader.Result);
        Assert.AreEqual("fifo", FileType(F("predictions.fifo")));
    }

    [TestMethod]
    public void Cli_Predict_OutputDevice_IsWrittenThroughNotReplaced()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") Assert.Inconclusive("Making a device node needs root on Linux.");
        Run("mknod", F("null"), "c", "1", "3");   // a private /dev/null: the real one is never at risk
        var run = Predict(F("null"));
        Assert.AreEqual(0, run.ExitCode, run.Error);
        Assert.AreEqual("character special file", FileType(F("null")), "still a device");
    }

    [TestMethod]
    [DataRow("-")]
    [DataRow("/dev/stdout")]
    public void Cli_Predict_OutputStandardOutput(string output)
    {
        var run = Predict(output);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(39, lines);
        StringAssert.StartsWith(lines[0], "PredictedLabel,");
        StringAssert.Contains(run.Error, "Wrote 38 predictions for the 38 rows of");
        Assert.IsFalse(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")));
    }

    [TestMethod]
    public void Cli_Train_ModelPathIsAFolder_FailsBeforeTraining()
    {
        Directory.CreateDirectory(F("models"));
        var run = CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--model", F("models"));
        AssertOneLineError(run, $"--model: Cannot write {F("models")}: it is a folder");
        Assert.IsEmpty(Directory.GetFileSystemEntries(F("models")));
    }

    [TestMethod]
    public void Cli_Train_ModelInAFolderThatTakesNoFiles_FailsBeforeTrainingNamingThePath()
    {
        if (!OperatingSystem.IsLinux()) Assert.Inconclusive("/proc is Linux's; even root cannot create files there.");
        var run = CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--model", "/proc/model.zip");
        AssertOneLineError(run, "--model: Cannot write /proc/model.zip: folder /proc does not take new files");
        Assert.DoesNotContain(".tmp", run.Error);
    }

    [TestMethod]
    public void Cli_Evaluate_ReportInMissingFolder_FailsBeforeLoading()
    {
        string report = F("nowhere/report.md");
        var run = CliRun.Of("evaluate", "--model", F("model.zip"), "--data", F("test.csv"), "--label", "species", "--report", report);
        AssertOneLineError(run, $"--report: Cannot write {report}: folder {F("nowhere")} does not exist.");
    }

    [TestMethod]
    public void Cli_Evaluate_ModelIsAFolder_SaysSo()
    {
        Directory.CreateDirectory(F("folder.zip"));
        AssertOneLineError(CliRun.Of("evaluate", "--model", F("folder.zip"), "--data", F("test.csv"), "--label", "species"),
            $"Could not load the model {F("folder.zip")}: it is a folder, not a model file.");
    }

    [TestMethod]
    public void Cli_Train_MarkdownReport_LeavesNoTemporaries()
    {
        var run = CliRun.Of("train", "--train", F("train.csv"), "--test", F("test.csv"), "--label", "species", "--hidden", "4", "--epochs", "3",
            "--report", F("md/report.md"), "--model", F("md/model.zip"));
        Assert.AreEqual(2, run.ExitCode, "the md folder does not exist yet");
        Directory.CreateDirectory(F("md"));
        run = CliRun.Of("train", "--train", F("train.csv"), "--test", F("test.csv"), "--label", "species", "--hidden", "4", "--epochs", "3",
            "--report", F("md/report.md"), "--model", F("md/model.zip"));
        Assert.AreEqual(0, run.ExitCode, run.Error);
        CollectionAssert.AreEquivalent(new[] { "model.zip", "report.md", "report_images" }, Directory.GetFileSystemEntries(F("md")).Select(Path.GetFileName).ToArray());
    }
}
