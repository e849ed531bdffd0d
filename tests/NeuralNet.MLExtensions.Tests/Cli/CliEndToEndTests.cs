using System.Text.Json;

namespace NeuralNet.MLExtensions.Tests.Cli;

[TestClass]
public sealed class CliEndToEndTests
{
    private static string _folder = null!;
    private static string Train => Path.Combine(_folder, "train.csv");
    private static string Test => Path.Combine(_folder, "test.csv");
    private static string Model => Path.Combine(_folder, "model.zip");
    private static CliRun _train = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("cli-e2e").FullName;
        FlowerCsv.Write(Train, "iris_train.csv");
        FlowerCsv.Write(Test, "iris_test.csv");
        FlowerCsv.Write(Path.Combine(_folder, "unlabelled.csv"), "iris_test.csv", withLabel: false);
        _train = CliRun.Of("train", "--train", Train, "--test", Test, "--label", "species", "--hidden", "16", "--epochs", "150",
            "--learning-rate", "0.01", "--seed", "1", "--model", Model, "--report", Path.Combine(_folder, "report.html"), "--json");
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void Cli_Train_JsonIsOneObjectWithTheMetrics()
    {
        Assert.AreEqual(0, _train.ExitCode, _train.Error);
        using var json = JsonDocument.Parse(_train.Output);   // throws unless stdout is exactly one JSON value
        var root = json.RootElement;
        foreach (var key in new[] { "micro_accuracy", "macro_accuracy", "log_loss", "log_loss_reduction", "train_seconds", "epochs", "classes", "train_rows", "test_rows" })
            Assert.IsTrue(root.TryGetProperty(key, out _), $"missing {key}");
        Assert.AreEqual(112, root.GetProperty("train_rows").GetInt32());
        Assert.AreEqual(38, root.GetProperty("test_rows").GetInt32());
        CollectionAssert.AreEqual(new[] { "setosa", "versicolor", "virginica" }, root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToArray());
        Assert.IsGreaterThanOrEqualTo(0.85, root.GetProperty("micro_accuracy").GetDouble());
    }

    [TestMethod]
    public void Cli_Train_SaysWhatItDidOnStandardError()
    {
        StringAssert.Contains(_train.Error, "Label 'species' (text): 3 classes: setosa, versicolor, virginica.");
        StringAssert.Contains(_train.Error, "missing values replaced by the column mean (ReplaceMissingValues): sepal_width (7 missing)");
        StringAssert.Contains(_train.Error, "1 text column(s) one-hot encoded (OneHotEncoding): colour (3 values)");
        StringAssert.Contains(_train.Error, "epoch 1/150  loss ");
        Assert.IsTrue(File.Exists(Path.Combine(_folder, "report.html")));
        Assert.IsEmpty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [TestMethod]
    public void Cli_Train_ValidationFraction_HoldsOutRowsAndStopsEarly()
    {
        var run = CliRun.Of("train", "--train", Train, "--test", Test, "--label", "species", "--hidden", "16", "--epochs", "300",
            "--learning-rate", "0.01", "--seed", "1", "--validation-fraction", "0.25", "--preset", "classic", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        StringAssert.Contains(run.Error, "on 112 rows (25 % of them held out for validation and early stopping)");
        StringAssert.Contains(run.Error, "(EarlyStopping)");
        Assert.IsGreaterThanOrEqualTo(0.85, json.RootElement.GetProperty("micro_accuracy").GetDouble());
    }

    [TestMethod]
    public void Cli_Evaluate_SavedModelGivesTheTrainMetrics()
    {
        var run = CliRun.Of("evaluate", "--model", Model, "--data", Test, "--label", "species", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        using var trained = JsonDocument.Parse(_train.Output);
        using var evaluated = JsonDocument.Parse(run.Output);
        foreach (var key in new[] { "micro_accuracy", "macro_accuracy", "log_loss", "log_loss_reduction" })
            Assert.AreEqual(trained.RootElement.GetProperty(key).GetDouble(), evaluated.RootElement.GetProperty(key).GetDouble(), 1e-6, key);
        Assert.AreEqual(38, evaluated.RootElement.GetProperty("test_rows").GetInt32());
    }

    [TestMethod]
    public void Cli_Predict_WritesClassAndProbabilitiesWithoutTheLabel()
    {
        string output = Path.Combine(_folder, "predictions.csv");
        var run = CliRun.Of("predict", "--model", Model, "--data", Path.Combine(_folder, "unlabelled.csv"), "--output", output);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        var lines = File.ReadAllLines(output);
        Assert.AreEqual("PredictedLabel,P(setosa),P(versicolor),P(virginica)", lines[0]);
        Assert.HasCount(39, lines);
        var truth = File.ReadAllLines(Test).Skip(1).Select(l => l.Split(',')[^1]).ToArray();
        int correct = lines.Skip(1).Select((l, i) => l.Split(',')[0] == truth[i] ? 1 : 0).Sum();
        Assert.IsGreaterThanOrEqualTo(32, correct);
        foreach (var line in lines.Skip(1))
            Assert.AreEqual(1.0, line.Split(',').Skip(1).Sum(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture)), 1e-4);
    }

    [TestMethod]
    public void Cli_Predict_ToStandardOutput()
    {
        var run = CliRun.Of("predict", "--model", Model, "--data", Test);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        Assert.HasCount(39, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
