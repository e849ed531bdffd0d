using Microsoft.ML;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>A pipeline holding the MLP saves with mlContext.Model.Save and loads anywhere, with identical scores.</summary>
[TestClass]
public sealed class PipelineSaveLoadTests
{
    public TestContext TestContext { get; set; } = null!;


    [TestMethod]
    public void ModelSave_LoadInFreshProcess_BitwiseIdenticalScoresThroughTransformAndPredictionEngine()
    {
        var ml = new MLContext(seed: 0);
        var train = IrisPipeline.Rows("iris_train.csv");
        var model = IrisPipeline.Train(ml, train);
        string directory = Directory.CreateTempSubdirectory("mlp-save-").FullName;
        string path = Path.Combine(directory, "model.zip");
        ml.Model.Save(model, IrisPipeline.Load(ml, train).Schema, path);

        var expected = IrisPipeline.Score(ml, model, IrisPipeline.Rows("iris_test.csv"));
        var lines = LoadProbe.Run(path, TabularData.PathOf("iris_test.csv"));
        foreach (var kind in new[] { "T", "P" })
        {
            var rows = lines.Where(l => l[0] == kind).ToArray();
            Assert.HasCount(expected.Length, rows, $"{kind} rows");
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(IrisPipeline.Bits(expected[i].Score), rows[i][2], $"{kind} row {i}: Score bits");
                Assert.AreEqual(expected[i].PredictedClass, rows[i][3], $"{kind} row {i}: predicted class");
            }
        }
        Directory.Delete(directory, recursive: true);
    }

    [TestMethod]
    public void ModelSave_Stream_LoadsInNewContextWithIdenticalScores()
    {
        var ml = new MLContext(seed: 0);
        var train = IrisPipeline.Rows("iris_train.csv");
        var model = IrisPipeline.Train(ml, train);
        using var stream = new MemoryStream();
        ml.Model.Save(model, IrisPipeline.Load(ml, train).Schema, stream);
        stream.Position = 0;

        var fresh = new MLContext(seed: 99);
        var loaded = fresh.Model.Load(stream, out var schema);
        Assert.IsNotNull(schema.GetColumnOrNull("Raw"));
        var test = IrisPipeline.Rows("iris_test.csv");
        var before = IrisPipeline.Score(ml, model, test);
        var after = IrisPipeline.Score(fresh, loaded, test);
        for (int i = 0; i < test.Length; i++)
        {
            CollectionAssert.AreEqual(before[i].Score, after[i].Score);
            Assert.AreEqual(before[i].PredictedClass, after[i].PredictedClass);
        }
        var mlp = ((IEnumerable<ITransformer>)loaded).OfType<MlpPredictionTransformer>().Single();
        Assert.AreEqual("Features", mlp.FeatureColumnName);
        Assert.AreEqual(30, mlp.Model.History.Count, "the training history travels with the model");
    }
}
