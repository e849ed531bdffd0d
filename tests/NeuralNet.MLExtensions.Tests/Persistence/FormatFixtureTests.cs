using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.ML;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// Models saved by earlier versions of the format keep loading. Fixtures/format1 holds an ML.NET pipeline and a
/// stand-alone model saved with format version 1, and the scores they gave then; Fixtures/format2 and format3 the same for versions 2 and 3. To write a new version's fixtures
/// (never to overwrite old ones), run the tests with NNMLX_WRITE_FIXTURES=formatN.
/// </summary>
[TestClass]
public sealed class FormatFixtureTests
{
    private static string FixtureDirectory(string version) => Path.Combine(AppContext.BaseDirectory, "Fixtures", version);

    [TestMethod]
    [DataRow("format1")]
    [DataRow("format2")]
    [DataRow("format3")]
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
    public void MlpModelParametersLoad_FileFromEarlierFormat_PredictsAsItDidThen(string version)
    {
        var model = MlpModelParameters.Load(Path.Combine(FixtureDirectory(version), "iris-model.mlp"));
        var predictions = ModelBytes.Predictions(model);
        var expected = File.ReadAllText(Path.Combine(FixtureDirectory(version), "expected-model.txt")).Trim().Split(',')
            .Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray();
        Assert.HasCount(expected.Length, predictions);
        for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], predictions[i], 1e-6f, $"probability {i}");
        Assert.AreEqual(20, model.History.Count);
        Assert.AreEqual("8", model.Architecture.HiddenLayerSizes.Single().ToString(CultureInfo.InvariantCulture));
    }

    private static (string Class, float[] Score)[] Expected(string version) =>
        File.ReadLines(Path.Combine(FixtureDirectory(version), "expected.csv")).Skip(1).Select(l => l.Split(',')).Select(c =>
            (c[0], c.Skip(1).Select(h => BitConverter.Int32BitsToSingle(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))).ToArray())).ToArray();

    [TestMethod]
    public void WriteFixtures_WhenAsked()
    {
        string? version = Environment.GetEnvironmentVariable("NNMLX_WRITE_FIXTURES");
        if (string.IsNullOrEmpty(version))
        {
            Assert.IsTrue(Directory.Exists(FixtureDirectory("format1")), "the format-1 fixtures are deployed with the tests");
            return;
        }
        string target = Path.Combine(SourceDirectory(), "..", "Fixtures", version);
        Assert.IsFalse(Directory.Exists(target), $"{target} exists: fixtures of a released format are never overwritten");
        Directory.CreateDirectory(target);
        var ml = new MLContext(seed: 0);
        var train = IrisPipeline.Rows("iris_train.csv");
        var model = IrisPipeline.Train(ml, train, new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 20, Seed = 7 });
        ml.Model.Save(model, IrisPipeline.Load(ml, train).Schema, Path.Combine(target, "iris-pipeline.zip"));
        var mlp = ((IEnumerable<ITransformer>)model).OfType<MlpPredictionTransformer>().Single().Model;
        mlp.Save(Path.Combine(target, "iris-model.mlp"));
        File.WriteAllText(Path.Combine(target, "expected-model.txt"), IrisPipeline.Bits(ModelBytes.Predictions(mlp)));
        var lines = IrisPipeline.Score(ml, model, IrisPipeline.Rows("iris_test.csv"))
            .Select(o => $"{o.PredictedClass},{IrisPipeline.Bits(o.Score)}");
        File.WriteAllLines(Path.Combine(target, "expected.csv"), lines.Prepend("predicted,score bits"));
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
