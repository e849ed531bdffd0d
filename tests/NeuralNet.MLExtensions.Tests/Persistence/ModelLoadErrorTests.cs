using System.Reflection;
using Microsoft.ML;
using NeuralNet.MLExtensions.Tests.Cli;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// What <c>mlContext.Model.Load</c> surfaces for a damaged or newer MLP entry, as MlpModelParameters' documentation
/// says: a TargetInvocationException (ML.NET calls loaders by reflection, twice over), whose innermost exception,
/// <c>GetBaseException()</c>, is the library's InvalidDataException with the message.
/// </summary>
[TestClass]
public sealed class ModelLoadErrorTests
{
    private static string _folder = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("model-load-errors").FullName;
        FlowerCsv.Write(Path.Combine(_folder, "train.csv"), "iris_train.csv");
        var run = CliRun.Of("train", "--train", Path.Combine(_folder, "train.csv"), "--label", "species", "--hidden", "4", "--epochs", "2",
            "--model", Path.Combine(_folder, "model.zip"));
        Assert.AreEqual(0, run.ExitCode, run.Error);
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void ModelLoad_ChecksumMismatch_IsTargetInvocationWithInvalidDataInside()
    {
        string model = CliDamagedModelTests.Damaged(Path.Combine(_folder, "model.zip"), "flipped.zip", CliDamagedModelTests.FlipPayloadByte);
        var e = Assert.ThrowsExactly<TargetInvocationException>(() => new MLContext().Model.Load(model, out _));
        var inner = Assert.IsInstanceOfType<InvalidDataException>(e.GetBaseException());
        StringAssert.Contains(inner.Message, "checksum mismatch");
    }

    [TestMethod]
    public void ModelLoad_NewerFormat_IsTargetInvocationWithInvalidDataInside()
    {
        string model = CliDamagedModelTests.Damaged(Path.Combine(_folder, "model.zip"), "newer.zip", CliDamagedModelTests.MakeNewer);
        var e = Assert.ThrowsExactly<TargetInvocationException>(() => new MLContext().Model.Load(model, out _));
        var inner = Assert.IsInstanceOfType<InvalidDataException>(e.GetBaseException());
        StringAssert.Contains(inner.Message, "saved by a newer NeuralNet.MLExtensions; update the library");
    }
}
