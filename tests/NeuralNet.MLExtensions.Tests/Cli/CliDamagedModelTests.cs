using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using NeuralNet.MLExtensions.Persistence;

namespace NeuralNet.MLExtensions.Tests.Cli;

/// <summary>A model zip whose MLP entry is damaged or newer: the library's message reaches the user in one line, exit 2.</summary>
[TestClass]
public sealed class CliDamagedModelTests
{
    private static string _folder = null!;
    private static string F(string name) => Path.Combine(_folder, name);

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("cli-damaged").FullName;
        FlowerCsv.Write(F("train.csv"), "iris_train.csv");
        var run = CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--hidden", "4", "--epochs", "3", "--model", F("model.zip"));
        Assert.AreEqual(0, run.ExitCode, run.Error);
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    /// <summary>A copy of the model with the MLP entry's framed bytes changed by <paramref name="damage"/> (given the frame's start).</summary>
    internal static string Damaged(string source, string name, Action<byte[], int> damage)
    {
        string path = Path.Combine(Path.GetDirectoryName(source)!, name);
        File.Copy(source, path, overwrite: true);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Update);
        foreach (var entry in archive.Entries.ToArray())
        {
            byte[] bytes;
            using (var stream = entry.Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            int start = bytes.AsSpan().IndexOf("NNMLPMDL"u8);
            if (start < 0) continue;
            damage(bytes, start);
            string entryName = entry.FullName;
            entry.Delete();
            using var writer = archive.CreateEntry(entryName).Open();
            writer.Write(bytes);
            return path;
        }
        throw new InvalidOperationException("No MLP entry in the model.");
    }

    internal static void FlipPayloadByte(byte[] bytes, int start) => bytes[start + 16 + 5] ^= 0x01;

    internal static void MakeNewer(byte[] bytes, int start)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(start + 8), 9);
        int payload = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(start + 12));
        SHA256.HashData(bytes.AsSpan(start, 16 + payload), bytes.AsSpan(start + 16 + payload, 32));
    }

    private static void AssertOneLine(CliRun run, string expected)
    {
        Assert.AreEqual(2, run.ExitCode, run.Error);
        Assert.HasCount(1, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), run.Error);
        StringAssert.StartsWith(run.Error, "error: Could not load the model ");
        StringAssert.Contains(run.Error, expected);
        Assert.DoesNotContain("TargetInvocationException", run.Error);
    }

    [TestMethod]
    public void Cli_Evaluate_ChecksumMismatch_SaysSo()
    {
        string model = Damaged(F("model.zip"), "flipped.zip", FlipPayloadByte);
        AssertOneLine(CliRun.Of("evaluate", "--model", model, "--data", F("train.csv"), "--label", "species"), "checksum mismatch");
    }

    [TestMethod]
    public void Cli_Predict_NewerFormat_SaysUpdateTheLibrary()
    {
        string model = Damaged(F("model.zip"), "newer.zip", MakeNewer);
        AssertOneLine(CliRun.Of("predict", "--model", model, "--data", F("train.csv")),
            $"Unsupported MLP model format version 9: this library reads versions 1 to {ModelEnvelope.CurrentVersion}. The model was saved by a newer NeuralNet.MLExtensions; update the library.");
    }
}
