// Usage: dotnet run --project tests/NeuralNet.MLExtensions.FixtureWriter -- formatN [FOLDER]
// Writes the fixtures FormatFixtureTests reads for model format version N, which must be the version this library
// saves: an ML.NET pipeline trained on data/tabular/iris_train.csv (iris-pipeline.zip), its MLP saved alone
// (iris-model.mlp), and what they give on iris_test.csv (expected.csv: predicted class and the Score bits;
// expected-model.txt: the stand-alone model's probabilities as float bits). FOLDER defaults to
// tests/NeuralNet.MLExtensions.Tests/Fixtures/formatN and must not exist: fixtures of a released format are never
// overwritten. Training is seeded (MLContext seed 0, trainer seed 7), so the same code writes the same files.
// From format 4 it also writes a regression and a binary model saved alone (iris-regression.mlp, iris-binary.mlp) and
// their outputs on iris_test.csv as float bits (expected-regression.txt, expected-binary.txt); see TaskFixtures.
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Tests.Persistence;

if (args.Length is not (1 or 2) || !args[0].StartsWith("format", StringComparison.Ordinal) || !int.TryParse(args[0].AsSpan(6), out int version))
{
    Console.Error.WriteLine("usage: FixtureWriter formatN [FOLDER]   (N: the model format version this library writes)");
    return 2;
}
string target = Path.GetFullPath(args.Length == 2 ? args[1] : Path.Combine(ProjectDirectory(), "..", "NeuralNet.MLExtensions.Tests", "Fixtures", args[0]));
if (Directory.Exists(target))
{
    Console.Error.WriteLine($"{target} exists: fixtures of a released format are never overwritten. Choose a new formatN or another folder.");
    return 1;
}

var ml = new MLContext(seed: 0);
var train = IrisPipeline.Rows("iris_train.csv");
var model = IrisPipeline.Train(ml, train, new MlpTrainer.Options { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 20, Seed = 7 });
var mlp = ((IEnumerable<ITransformer>)model).OfType<MlpPredictionTransformer>().Single().Model;
using (var saved = new MemoryStream())
{
    mlp.Save(saved);
    // The header's format version (after the 8-byte magic value).
    int written = BinaryPrimitives.ReadUInt16LittleEndian(saved.GetBuffer().AsSpan(8, 2));
    if (written != version)
    {
        Console.Error.WriteLine($"This library saves model format {written}, not {version}: run with format{written}.");
        return 1;
    }
}

Directory.CreateDirectory(target);
ml.Model.Save(model, IrisPipeline.Load(ml, train).Schema, Path.Combine(target, "iris-pipeline.zip"));
mlp.Save(Path.Combine(target, "iris-model.mlp"));
File.WriteAllText(Path.Combine(target, "expected-model.txt"), IrisPipeline.Bits(ModelBytes.Predictions(mlp)));
var lines = IrisPipeline.Score(ml, model, IrisPipeline.Rows("iris_test.csv")).Select(o => $"{o.PredictedClass},{IrisPipeline.Bits(o.Score)}");
File.WriteAllLines(Path.Combine(target, "expected.csv"), lines.Prepend("predicted,score bits"));
if (version >= 4)
    foreach (var task in new[] { NeuralNet.MLExtensions.Engine.MlpTask.Regression, NeuralNet.MLExtensions.Engine.MlpTask.Binary })
    {
        var taskModel = TaskFixtures.Train(task);
        var (modelFile, expectedFile) = TaskFixtures.Files(task);
        taskModel.Save(Path.Combine(target, modelFile));
        File.WriteAllText(Path.Combine(target, expectedFile), IrisPipeline.Bits(TaskFixtures.Outputs(taskModel)));
    }
Console.WriteLine($"Wrote the format-{version} fixtures to {target}. Add a DataRow(\"format{version}\") to each test in FormatFixtureTests.");
return 0;

static string ProjectDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
