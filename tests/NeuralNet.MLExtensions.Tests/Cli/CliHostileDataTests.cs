using System.Globalization;
using System.Text.Json;

namespace NeuralNet.MLExtensions.Tests.Cli;

/// <summary>
/// Data the command line must not change or drop silently: infinities, out-of-range numbers, missing cells, labels
/// that are numbers, many classes, unseen classes, quoted line breaks. Every changed or skipped row is counted.
/// </summary>
[TestClass]
public sealed class CliHostileDataTests
{
    private static string _folder = null!;
    private static string F(string name) => Path.Combine(_folder, name);
    private static string[] _train = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("cli-hostile").FullName;
        FlowerCsv.Write(F("train.csv"), "iris_train.csv");
        FlowerCsv.Write(F("test.csv"), "iris_test.csv");
        _train = File.ReadAllLines(F("train.csv"));
        var run = CliRun.Of("train", "--train", F("train.csv"), "--test", F("test.csv"), "--label", "species", "--hidden", "16", "--epochs", "100",
            "--learning-rate", "0.01", "--seed", "1", "--model", F("model.zip"));
        Assert.AreEqual(0, run.ExitCode, run.Error);
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    /// <summary>The training file with cell <paramref name="column"/> of the given data rows (0-based) replaced.</summary>
    private static string WithCells(string name, int column, IReadOnlyDictionary<int, string> cells, string[]? source = null)
    {
        var lines = (string[])(source ?? _train).Clone();
        foreach (var (row, value) in cells)
        {
            var fields = lines[row + 1].Split(',');
            fields[column] = value;
            lines[row + 1] = string.Join(",", fields);
        }
        File.WriteAllLines(F(name), lines);
        return F(name);
    }

    private static double[][] Probabilities(CliRun run) => run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(l => l.Split(',').Skip(1).Select(p => p.Length == 0 ? double.NaN : double.Parse(p, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [TestMethod]
    public void Cli_Train_InfinitiesAndOverflow_StayNumericAndAreCounted()
    {
        string path = WithCells("inf.csv", 0, new Dictionary<int, string> { [0] = "inf", [1] = "-inf", [2] = "Infinity", [3] = "1e40", [4] = "-1E+40" });
        var run = CliRun.Of("train", "--train", path, "--label", "species", "--hidden", "4", "--epochs", "3");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Output, "1 text column(s) one-hot encoded (OneHotEncoding): colour (3 values)", "sepal_length stays numeric");
        StringAssert.Contains(run.Output, "sepal_length (5 infinite or out of range)");
        StringAssert.Contains(run.Output, $"row(s) of {path} had values replaced by the column mean of the training rows: sepal_length (5 infinite or out of range)");
    }

    [TestMethod]
    public void Cli_Predict_MissingNumber_IsTheTrainingMeanNotZero()
    {
        // ReplaceMissingValues' default is zero; the CLI promises the column mean.
        var widths = _train.Skip(1).Select(l => l.Split(',')[1]).Where(v => v.Length > 0).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        string mean = (widths.Sum() / widths.Length).ToString("R", CultureInfo.InvariantCulture);
        string path = WithCells("two.csv", 1, new Dictionary<int, string> { [0] = "", [1] = mean }, [_train[0], _train[1], _train[1]]);
        var run = CliRun.Of("predict", "--model", F("model.zip"), "--data", path);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        var p = Probabilities(run);
        for (int k = 0; k < 3; k++) Assert.AreEqual(p[1][k], p[0][k], 1e-4, $"class {k}");
        StringAssert.Contains(run.Error, $"1 of 2 row(s) of {path} had values replaced by the training mean saved in the model: sepal_width (1 missing); line(s) 2.");
    }

    [TestMethod]
    public void Cli_Predict_NonFiniteValues_GiveFiniteProbabilitiesAndAreCounted()
    {
        string path = WithCells("bad.csv", 2, new Dictionary<int, string> { [0] = "1e40", [1] = "inf", [2] = "?", [3] = "NaN", [4] = "" });
        var run = CliRun.Of("predict", "--model", F("model.zip"), "--data", path);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        var p = Probabilities(run);
        Assert.HasCount(_train.Length - 1, p);
        Assert.IsTrue(p.All(row => row.All(double.IsFinite)), "no NaN probability");
        StringAssert.Contains(run.Error, "petal_length (3 missing, 2 infinite or out of range)");
        StringAssert.Contains(run.Error, "line(s) 2, 3, 4, 5, 6, …");
    }

    [TestMethod]
    public void Cli_Train_NumericLabels_AreComparedAsNumbers()
    {
        File.WriteAllLines(F("numeric-label.csv"), new[] { "x,y" }.Concat(Enumerable.Range(0, 60).Select(i =>
            $"{i % 3 + 0.1 * (i % 5)},{(i % 3 == 1 ? (i % 2 == 0 ? "1" : "1.0") : (i % 3).ToString(CultureInfo.InvariantCulture))}")));
        var run = CliRun.Of("train", "--train", F("numeric-label.csv"), "--label", "y", "--hidden", "4", "--epochs", "3", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, "Label 'y' (numbers, compared as numbers: 1 and 1.0 are one class): 3 classes: 0, 1, 2.");
        using var json = JsonDocument.Parse(run.Output);
        CollectionAssert.AreEqual(new[] { "0", "1", "2" }, json.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToArray());
    }

    [TestMethod]
    public void Cli_Train_NumericLabelWithManyValues_IsRegressionUnlessMulticlassIsAsked()
    {
        File.WriteAllLines(F("price.csv"), new[] { "x,price" }.Concat(Enumerable.Range(0, 1500).Select(i => $"{i % 7},{i * 1.5}")));
        var auto = CliRun.Of("train", "--train", F("price.csv"), "--label", "price", "--hidden", "4", "--epochs", "1", "--json");
        Assert.AreEqual(0, auto.ExitCode, auto.Error);
        StringAssert.Contains(auto.Error, "Task: regression (--task auto: ");
        var run = CliRun.Of("train", "--train", F("price.csv"), "--label", "price", "--task", "multiclass", "--hidden", "4", "--epochs", "1");
        Assert.AreEqual(2, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, "holds 1500 distinct numbers");
        StringAssert.Contains(run.Error, "use --task regression");
    }

    [TestMethod]
    public void Cli_Train_TextLabelWithOver1000Classes_ReportsTheRealCount()
    {
        File.WriteAllLines(F("names.csv"), new[] { "x,name" }.Concat(Enumerable.Range(0, 2400).Select(i => $"{i % 7},n{i % 1200}")));
        var run = CliRun.Of("train", "--train", F("names.csv"), "--label", "name", "--hidden", "4", "--epochs", "1", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, ": 1200 classes: ");
    }

    [TestMethod]
    public void Cli_Train_RowsWithoutLabel_AreNotCountedAsTrained()
    {
        string path = WithCells("nolabel.csv", 5, new Dictionary<int, string> { [0] = "", [1] = "?", [2] = "NA" });
        var run = CliRun.Of("train", "--train", path, "--test", F("test.csv"), "--label", "species", "--hidden", "4", "--epochs", "3", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, $"3 row(s) of {path} have no label (empty, ? or NA) and are skipped.");
        using var json = JsonDocument.Parse(run.Output);
        Assert.AreEqual(_train.Length - 1 - 3, json.RootElement.GetProperty("train_rows").GetInt32());
    }

    [TestMethod]
    public void Cli_Evaluate_UnseenClasses_AreCountedNamedAndTheSupportAddsUp()
    {
        var test = File.ReadAllLines(F("test.csv"));
        string path = WithCells("unseen.csv", 5, new Dictionary<int, string> { [0] = "rose", [1] = "rose", [2] = "tulip", [3] = "" }, test);
        var run = CliRun.Of("evaluate", "--model", F("model.zip"), "--data", path, "--label", "species", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, $"Evaluated model.zip on 34 of the 38 rows of {path}; 3 classes.");
        StringAssert.Contains(run.Error, $"3 row(s) of {path} have 2 class(es) the model was not trained on: 'rose' (2), 'tulip' (1). The metrics below leave them out; counting them as errors, micro accuracy is ");
        StringAssert.Contains(run.Error, $"1 row(s) of {path} have no label");
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.AreEqual(34, root.GetProperty("test_rows").GetInt32());
        Assert.AreEqual(3, root.GetProperty("unseen_class_rows").GetInt32());
        CollectionAssert.AreEqual(new[] { "rose", "tulip" }, root.GetProperty("unseen_classes").EnumerateArray().Select(c => c.GetString()).ToArray());
        Assert.AreEqual(root.GetProperty("micro_accuracy").GetDouble() * 34 / 37, root.GetProperty("micro_accuracy_counting_unseen_as_errors").GetDouble(), 1e-12);
        int support = run.Error.Split('\n').SkipWhile(l => !l.StartsWith("class ", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Trim().Length > 0).Sum(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture));
        Assert.AreEqual(34, support, "the classes' support adds up to the rows evaluated");
    }

    [TestMethod]
    public void Cli_Train_QuotedFieldWithLineBreak_IsOneRow()
    {
        var lines = _train.ToList();
        lines[1] = lines[1].Replace(",red,", ",\"dark\nred\",", StringComparison.Ordinal).Replace(",green,", ",\"dark\ngreen\",", StringComparison.Ordinal)
            .Replace(",blue,", ",\"dark\nblue\",", StringComparison.Ordinal);
        File.WriteAllLines(F("multiline.csv"), lines);
        var run = CliRun.Of("train", "--train", F("multiline.csv"), "--label", "species", "--hidden", "4", "--epochs", "3", "--test-fraction", "0.25", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, $"Read {F("multiline.csv")}: {_train.Length - 1} rows, 6 columns.");
        StringAssert.Contains(run.Error, "colour (4 values)");
        using var json = JsonDocument.Parse(run.Output);
        Assert.AreEqual(_train.Length - 1, json.RootElement.GetProperty("train_rows").GetInt32() + json.RootElement.GetProperty("test_rows").GetInt32());
    }
}
