using System.Globalization;
using System.Text.Json;

namespace NeuralNet.MLExtensions.Tests.Cli;

/// <summary>
/// Regression end to end on slices of the suite's boston set: --task auto chooses it, --json gives ML.NET's RMSE, MAE
/// and R², a saved model evaluates to the same figures and predicts values, and unusable labels are counted and skipped.
/// </summary>
[TestClass]
public sealed class CliRegressionTests
{
    private static string _folder = null!;
    private static string F(string name) => Path.Combine(_folder, name);
    private static string Train => SuiteCsv.PathOf("boston_train_slice.csv");
    private static string Test => SuiteCsv.PathOf("boston_test_slice.csv");
    private static CliRun _train = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("cli-regression").FullName;
        _train = CliRun.Of("train", "--train", Train, "--test", Test, "--label", "target", "--hidden", "32", "--epochs", "150",
            "--learning-rate", "0.01", "--seed", "1", "--model", F("model.zip"), "--json");
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void Cli_Train_AutoOnBoston_ChoosesRegressionForFractionalTarget()
    {
        Assert.AreEqual(0, _train.ExitCode, _train.Error);
        StringAssert.Contains(_train.Error, "Task: regression (--task auto: the label is numeric and holds values that are not whole numbers, such as ");
        StringAssert.Contains(_train.Error, "Label 'target' (numbers, predicted as a quantity): ");
        Assert.AreEqual(1, _train.Error.Split('\n').Count(l => l.StartsWith("Task: ", StringComparison.Ordinal)), "one line says what was chosen and why");
    }

    [TestMethod]
    public void Cli_Train_Regression_JsonHasRmseMaeR2()
    {
        using var json = JsonDocument.Parse(_train.Output);
        var root = json.RootElement;
        Assert.AreEqual("regression", root.GetProperty("task").GetString());
        double rmse = root.GetProperty("rmse").GetDouble(), mae = root.GetProperty("mae").GetDouble(), r2 = root.GetProperty("r2").GetDouble();
        Assert.IsTrue(mae > 0 && mae <= rmse, $"0 < MAE {mae} ≤ RMSE {rmse}");
        // 150 training rows, 40 test rows with a 50.0 outlier: R² 0.40 here (0.77 with 300 rows on the whole test set);
        // predicting the mean gives 0, a label misaligned with its row less.
        Assert.IsGreaterThan(0.3, r2, "the MLP explains house prices better than their mean");
        Assert.AreEqual(150, root.GetProperty("train_rows").GetInt32());
        Assert.AreEqual(40, root.GetProperty("test_rows").GetInt32());
        Assert.IsFalse(root.TryGetProperty("micro_accuracy", out _), "no classification metric for a regression");
        Assert.IsGreaterThan(0, root.GetProperty("epochs").GetInt32());
    }

    [TestMethod]
    public void Cli_EvaluateAndPredict_SavedRegressionModel_GiveTheTrainFigures()
    {
        var evaluate = CliRun.Of("evaluate", "--model", F("model.zip"), "--data", Test, "--label", "target", "--json");
        Assert.AreEqual(0, evaluate.ExitCode, evaluate.Error);
        using var trained = JsonDocument.Parse(_train.Output);
        using var evaluated = JsonDocument.Parse(evaluate.Output);
        Assert.AreEqual("regression", evaluated.RootElement.GetProperty("task").GetString());
        foreach (var key in new[] { "rmse", "mae", "r2" })
            Assert.AreEqual(trained.RootElement.GetProperty(key).GetDouble(), evaluated.RootElement.GetProperty(key).GetDouble(), 1e-9, key);

        var predict = CliRun.Of("predict", "--model", F("model.zip"), "--data", Test);
        Assert.AreEqual(0, predict.ExitCode, predict.Error);
        var lines = predict.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual("PredictedValue", lines[0]);
        var predicted = lines.Skip(1).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var actual = File.ReadAllLines(Test).Skip(1).Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).ToArray();
        Assert.HasCount(40, predicted);
        double rmse = Math.Sqrt(predicted.Zip(actual, (p, a) => (p - a) * (p - a)).Average());
        Assert.AreEqual(evaluated.RootElement.GetProperty("rmse").GetDouble(), rmse, 1e-3 * rmse, "predict writes the values evaluate scores");
    }

    [TestMethod]
    public void Cli_Evaluate_UnusableRegressionLabels_AreCountedAndSkipped()
    {
        string path = SuiteCsv.WithLabels("boston_test_slice.csv", F("bad-labels.csv"),
            new Dictionary<int, string> { [0] = "", [1] = "NA", [2] = "inf", [3] = "abc" });
        var run = CliRun.Of("evaluate", "--model", F("model.zip"), "--data", path, "--label", "target", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, $"Evaluated model.zip on 36 of the 40 rows of {path}; regression.");
        StringAssert.Contains(run.Error, $"4 row(s) of {path} have no usable label (2 empty, ? or NA, 1 infinite or out of range, 1 not a number) and are skipped.");
        using var json = JsonDocument.Parse(run.Output);
        Assert.AreEqual(36, json.RootElement.GetProperty("test_rows").GetInt32());
        Assert.AreEqual(4, json.RootElement.GetProperty("test_rows_without_label").GetInt32());
        Assert.IsTrue(double.IsFinite(json.RootElement.GetProperty("rmse").GetDouble()));
    }

    [TestMethod]
    public void Cli_Train_RegressionRowsWithoutLabel_AreNotTrainedOn()
    {
        string path = SuiteCsv.WithLabels("boston_train_slice.csv", F("train-missing.csv"), new Dictionary<int, string> { [0] = "", [1] = "?", [2] = "-inf" });
        var run = CliRun.Of("train", "--train", path, "--test", Test, "--label", "target", "--hidden", "4", "--epochs", "3", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, $"3 row(s) of {path} have no usable label (2 empty, ? or NA, 1 infinite or out of range) and are skipped.");
        using var json = JsonDocument.Parse(run.Output);
        Assert.AreEqual(147, json.RootElement.GetProperty("train_rows").GetInt32());
    }

    [TestMethod]
    public void Cli_Train_RegressionFeatureInfinities_AreImputedAndReported()
    {
        var lines = File.ReadAllLines(Train);
        lines[1] = "inf" + lines[1][lines[1].IndexOf(',')..];
        File.WriteAllLines(F("inf-feature.csv"), lines);
        var run = CliRun.Of("train", "--train", F("inf-feature.csv"), "--test", Test, "--label", "target", "--hidden", "4", "--epochs", "3", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, $"1 of 150 row(s) of {F("inf-feature.csv")} had values replaced by the column mean of the training rows: crim (1 infinite or out of range)");
        using var json = JsonDocument.Parse(run.Output);
        Assert.IsTrue(double.IsFinite(json.RootElement.GetProperty("rmse").GetDouble()));
    }
}
