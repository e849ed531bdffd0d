using System.Globalization;
using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// Models saved by earlier versions of the format keep loading. Fixtures/format1 holds an ML.NET pipeline and a
/// stand-alone model saved with format version 1, and the scores they gave then; Fixtures/format2 to format4 the same for
/// versions 2 to 4, and format4 also a regression and a binary model (<see cref="TaskFixtures"/>).
/// A new version's fixtures are written by the tool tests/NeuralNet.MLExtensions.FixtureWriter (see Fixtures/README.md),
/// never by a test, and old ones are never overwritten.
/// </summary>
[TestClass]
public sealed class FormatFixtureTests
{
    private static string FixtureDirectory(string version) => Path.Combine(AppContext.BaseDirectory, "Fixtures", version);

    [TestMethod]
    [DataRow("format1")]
    [DataRow("format2")]
    [DataRow("format3")]
    [DataRow("format4")]
    [DataRow("format5")]
    [DataRow("format6")]
    public void ModelLoad_PipelineFromEarlierFormat_ScoresAsItDidThen(string version)
    {
        var ml = new MLContext(seed: 0);
        var model = ml.Model.Load(Path.Combine(FixtureDirectory(version), "iris-pipeline.zip"), out _);
        var scored = IrisPipeline.Score(ml, model, IrisPipeline.Rows("iris_test.csv"));
        var expected = Expected(version);
        Assert.HasCount(expected.Length, scored);
        for (int i = 0; i < scored.Length; i++)
        {
            Assert.AreEqual(expected[i].Class, scored[i].PredictedClass, $"row {i}");
            for (int c = 0; c < expected[i].Score.Length; c++) Assert.AreEqual(expected[i].Score[c], scored[i].Score[c], 1e-6f, $"row {i} class {c}");
        }
    }

    [TestMethod]
    [DataRow("format1")]
    [DataRow("format2")]
    [DataRow("format3")]
    [DataRow("format4")]
    [DataRow("format5")]
    [DataRow("format6")]
    public void MlpModelParametersLoad_FileFromEarlierFormat_PredictsAsItDidThen(string version)
    {
        var model = MlpModelParameters.Load(Path.Combine(FixtureDirectory(version), "iris-model.mlp"));
        var predictions = ModelBytes.Predictions(model);
        var expected = File.ReadAllText(Path.Combine(FixtureDirectory(version), "expected-model.txt")).Trim().Split(',')
            .Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray();
        Assert.HasCount(expected.Length, predictions);
        for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], predictions[i], 1e-6f, $"probability {i}");
        Assert.AreEqual("8", model.Architecture.HiddenLayerSizes.Single().ToString(CultureInfo.InvariantCulture));
        if (version is "format5" or "format6")
        {
            // Written with the Tabular preset's defaults: an ensemble of 8, picked by a held-out fifth and refitted;
            // from format 6 on with piecewise-linear encodings of the four features.
            Assert.AreEqual(8, model.Architecture.EnsembleSize);
            Assert.AreEqual(version == "format6", model.Architecture.Embedding is { IsPiecewiseLinear: true });
            Assert.IsTrue(model.History.Count is > 0 and <= 20, $"{model.History.Count} epochs");
            return;
        }
        Assert.AreEqual(20, model.History.Count);
        Assert.AreEqual(1, model.Architecture.EnsembleSize, "files before format 5 hold a single network");
    }

    [TestMethod]
    [DataRow("format4", MlpTask.Regression)]
    [DataRow("format4", MlpTask.Binary)]
    [DataRow("format5", MlpTask.Regression)]
    [DataRow("format5", MlpTask.Binary)]
    [DataRow("format6", MlpTask.Regression)]
    [DataRow("format6", MlpTask.Binary)]
    public void MlpModelParametersLoad_TaskModelFromEarlierFormat_PredictsAsItDidThen(string version, MlpTask task)
    {
        var (modelFile, expectedFile) = TaskFixtures.Files(task);
        var model = MlpModelParameters.Load(Path.Combine(FixtureDirectory(version), modelFile));
        Assert.AreEqual(task, model.Task);
        var outputs = TaskFixtures.Outputs(model);
        var expected = File.ReadAllText(Path.Combine(FixtureDirectory(version), expectedFile)).Trim().Split(',')
            .Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray();
        Assert.HasCount(expected.Length, outputs);
        for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], outputs[i], 1e-5f, $"output {i}");
        Assert.AreEqual(20, model.History.Count);
    }

    private static (string Class, float[] Score)[] Expected(string version) =>
        File.ReadLines(Path.Combine(FixtureDirectory(version), "expected.csv")).Skip(1).Select(l => l.Split(',')).Select(c =>
            (c[0], c.Skip(1).Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray())).ToArray();
}
