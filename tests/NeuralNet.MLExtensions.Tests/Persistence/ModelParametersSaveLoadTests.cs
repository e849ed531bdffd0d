using Microsoft.ML;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>The network alone saves and loads through MlpModelParameters.Save/Load.</summary>
[TestClass]
public sealed class ModelParametersSaveLoadTests
{
    [TestMethod]
    public void MlpModelParameters_SaveLoad_RoundTripsEverything()
    {
        var model = ModelBytes.Model;
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var loaded = MlpModelParameters.Load(stream);

        Assert.AreEqual(model.Architecture.ToString(), loaded.Architecture.ToString());
        CollectionAssert.AreEqual(model.Network.Parameters.ToArray(), loaded.Network.Parameters.ToArray());
        CollectionAssert.AreEqual(model.Standardizer!.Center.ToArray(), loaded.Standardizer!.Center.ToArray());
        CollectionAssert.AreEqual(model.Standardizer.Scale.ToArray(), loaded.Standardizer.Scale.ToArray());
        CollectionAssert.AreEqual(model.Classes.Names.ToArray(), loaded.Classes.Names.ToArray());
        Assert.AreEqual(model.Classes.KeyValueItemType, loaded.Classes.KeyValueItemType);
        Assert.AreEqual(model.StopReason, loaded.StopReason);
        Assert.HasCount(model.History.Count, loaded.History);
        for (int i = 0; i < model.History.Count; i++)
        {
            Assert.AreEqual(model.History[i].TrainingLoss, loaded.History[i].TrainingLoss);
            CollectionAssert.AreEqual(model.History[i].LayerGradientNorms.ToArray(), loaded.History[i].LayerGradientNorms.ToArray());
        }
        CollectionAssert.AreEqual(ModelBytes.Predictions(model), ModelBytes.Predictions(loaded));
    }

    [TestMethod]
    public void MlpModelParameters_SavePath_ReplacesFileAndLeavesNoTemporaryFiles()
    {
        string directory = Directory.CreateTempSubdirectory("mlp-model-").FullName;
        string path = Path.Combine(directory, "net.mlp");
        File.WriteAllText(path, "an older file");
        ModelBytes.Model.Save(path);
        Assert.AreEqual(ModelBytes.Bytes.Length, new FileInfo(path).Length);
        CollectionAssert.AreEqual(new[] { "net.mlp" }, Directory.GetFiles(directory).Select(Path.GetFileName).ToArray());
        CollectionAssert.AreEqual(ModelBytes.Predictions(ModelBytes.Model), ModelBytes.Predictions(MlpModelParameters.Load(path)));
        Directory.Delete(directory, recursive: true);
    }

    [TestMethod]
    public void MlpModelParameters_SavePathInMissingDirectory_FailsAndCreatesNothing()
    {
        string directory = Path.Combine(Path.GetTempPath(), "mlp-missing-" + Guid.NewGuid().ToString("N"));
        Assert.ThrowsExactly<DirectoryNotFoundException>(() => ModelBytes.Model.Save(Path.Combine(directory, "net.mlp")));
        Assert.IsFalse(Directory.Exists(directory));
    }

    [TestMethod]
    public void MlpModelParameters_LoadOfAPipelineZip_SaysNotAModel()
    {
        // A whole ML.NET model file is not a stand-alone model: the error says so rather than misreading it.
        string zip = Path.Combine(AppContext.BaseDirectory, "Fixtures", "format1", "iris-pipeline.zip");
        var e = Assert.ThrowsExactly<InvalidDataException>(() => MlpModelParameters.Load(zip));
        StringAssert.Contains(e.Message, "Not an MLP model");
    }

    [TestMethod]
    public void ModelLoad_DamagedMlpEntry_FailsWithInvalidData()
    {
        // Flip a byte of our entry inside an ML.NET zip: Model.Load fails, naming the checksum, instead of scoring garbage.
        var ml = new MLContext(seed: 0);
        string source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "format1", "iris-pipeline.zip");
        using var copy = new MemoryStream(File.ReadAllBytes(source));
        using (var archive = new System.IO.Compression.ZipArchive(copy, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.Entries.Single(e => e.FullName.Replace('\\', '/').EndsWith("Model.key", StringComparison.Ordinal)
                && ReadAll(e).AsSpan().IndexOf("NNMLPMDL"u8) >= 0);
            var bytes = ReadAll(entry);
            int start = bytes.AsSpan().IndexOf("NNMLPMDL"u8);
            bytes[start + 16 + 5] ^= 0x01; // inside our payload (ML.NET's own header and trailer surround it)
            string name = entry.FullName;
            entry.Delete();
            using var writer = archive.CreateEntry(name).Open();
            writer.Write(bytes);
        }
        copy.Position = 0;
        var error = Assert.Throws<Exception>(() => ml.Model.Load(copy, out _));
        Exception? inner = error;
        while (inner is not null and not InvalidDataException) inner = inner.InnerException;
        Assert.IsNotNull(inner, $"an InvalidDataException is inside: {error}");
        StringAssert.Contains(inner.Message, "checksum mismatch");
    }

    [TestMethod]
    public void MlpModelParameters_SaveLoad_KeepsValidationHistoryAndWarmStartCheckpoint()
    {
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 6, ValidationFraction = 0.25f, RefitMaximumRows = 0, Seed = 4 };
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(Trainers.MlNetData.Load(ml, "iris_train.csv"))
            .Transform(Trainers.MlNetData.Load(ml, "iris_train.csv"));
        var trained = new MlpTrainer(ml, options).Fit(data).Model;
        using var stream = new MemoryStream();
        trained.Save(stream);
        stream.Position = 0;
        var loaded = MlpModelParameters.Load(stream);

        Assert.AreEqual(trained.BestEpoch, loaded.BestEpoch);
        for (int i = 0; i < trained.History.Count; i++)
        {
            Assert.IsNotNull(trained.History[i].ValidationLoss);
            Assert.AreEqual(trained.History[i].ValidationLoss, loaded.History[i].ValidationLoss);
            Assert.AreEqual(trained.History[i].ValidationAccuracy, loaded.History[i].ValidationAccuracy);
        }
        Assert.IsNotNull(loaded.TrainingState);
        Assert.AreEqual(trained.TrainingState! with { OptimizerState = [] }, loaded.TrainingState with { OptimizerState = [] }, "every field but the buffers");
        Assert.HasCount(trained.TrainingState.OptimizerState.Count, loaded.TrainingState.OptimizerState);
        for (int b = 0; b < trained.TrainingState.OptimizerState.Count; b++)
            CollectionAssert.AreEqual(trained.TrainingState.OptimizerState[b], loaded.TrainingState.OptimizerState[b]);

        // Continuing from the loaded model is the same as continuing from the one in memory.
        var more = new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 3, ValidationFraction = 0.25f, RefitMaximumRows = 0, Seed = 4 };
        var fromMemory = new MlpTrainer(ml, more).Fit(data, trained).Model;
        var fromFile = new MlpTrainer(ml, more).Fit(data, loaded).Model;
        CollectionAssert.AreEqual(fromMemory.Network.Parameters.ToArray(), fromFile.Network.Parameters.ToArray());
    }

    private static byte[] ReadAll(System.IO.Compression.ZipArchiveEntry entry)
    {
        using var s = entry.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    [TestMethod]
    public void MlpModelParametersLoad_Format2And3Fixtures_ReadTheirTrainingState()
    {
        static MlpModelParameters Fixture(string version) =>
            MlpModelParameters.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", version, "iris-model.mlp"));
        var two = Fixture("format2").TrainingState!;
        Assert.AreEqual(20, two.EpochsCompleted);
        Assert.AreEqual(0, two.ScheduleEpochs, "format 2 did not save the span; a resumed run picks it");
        Assert.IsTrue(double.IsNaN(two.EarlyStopping.Value) && double.IsNaN(two.InitialLoss), "format 2 did not save them");

        var three = Fixture("format3").TrainingState!;
        Assert.AreEqual(20, three.EpochsCompleted);
        Assert.AreEqual(20, three.ScheduleEpochs);
        Assert.AreEqual(two.OptimizerStepCount, three.OptimizerStepCount);
        Assert.IsTrue(double.IsFinite(three.InitialLoss) && three.InitialLoss > 0);
        Assert.AreEqual(three.Convergence.Value, Fixture("format3").History.Min(h => h.TrainingLoss));
    }
}
