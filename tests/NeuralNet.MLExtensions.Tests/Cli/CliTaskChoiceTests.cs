using System.Globalization;
using System.Text.Json;

namespace NeuralNet.MLExtensions.Tests.Cli;

/// <summary>
/// --task: what auto chooses on the suite's regression sets and on classes, and explicit tasks that override it or
/// are refused with a message naming the column and the fix.
/// </summary>
[TestClass]
public sealed class CliTaskChoiceTests
{
    private static string _folder = null!;
    private static string F(string name) => Path.Combine(_folder, name);

    [ClassInitialize]
    public static void Setup(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("cli-task").FullName;
        FlowerCsv.Write(F("flowers.csv"), "iris_train.csv");
        // 25 whole-number classes: more than 20, so auto takes them for a quantity.
        File.WriteAllLines(F("grades.csv"), new[] { "x,grade" }.Concat(Enumerable.Range(0, 200).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i * 0.1},{i % 25}"))));
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    private static JsonElement Json(CliRun run)
    {
        Assert.AreEqual(0, run.ExitCode, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.Clone();
    }

    [TestMethod]
    public void Cli_Train_AutoOnSacramento_ChoosesRegressionForManyWholeNumbers()
    {
        var run = CliRun.Of("train", "--train", SuiteCsv.PathOf("sacramento_train_slice.csv"), "--label", "target", "--hidden", "8", "--epochs", "5", "--json");
        var root = Json(run);
        StringAssert.Contains(run.Error, "Task: regression (--task auto: the label is numeric with 134 distinct values, more than 20).");
        Assert.AreEqual("regression", root.GetProperty("task").GetString());
        Assert.IsTrue(double.IsFinite(root.GetProperty("rmse").GetDouble()));
        StringAssert.Contains(run.Error, "2 text column(s) one-hot encoded (OneHotEncoding): city (", "text features still one-hot encoded");
    }

    [TestMethod]
    public void Cli_Train_AutoOnThreeTextClasses_StaysMulticlass()
    {
        var run = CliRun.Of("train", "--train", F("flowers.csv"), "--label", "species", "--hidden", "4", "--epochs", "3", "--json");
        var root = Json(run);
        StringAssert.Contains(run.Error, "Task: multiclass (--task auto: the label has 3 classes (text)).");
        Assert.AreEqual("multiclass", root.GetProperty("task").GetString());
        Assert.IsTrue(root.TryGetProperty("micro_accuracy", out _));
    }

    [TestMethod]
    public void Cli_Train_ExplicitMulticlassOnManyNumbers_TrainsWithAWarning()
    {
        var run = CliRun.Of("train", "--train", F("grades.csv"), "--label", "grade", "--task", "multiclass", "--hidden", "4", "--epochs", "2", "--json");
        var root = Json(run);
        StringAssert.Contains(run.Error, "Task: multiclass (--task multiclass). warning: --task auto would choose regression: the label is numeric with 25 distinct values, more than 20.");
        Assert.AreEqual(25, root.GetProperty("classes").GetArrayLength());
    }

    [TestMethod]
    public void Cli_Train_ExplicitRegressionOnFewWholeNumbers_Regresses()
    {
        File.WriteAllLines(F("levels.csv"), new[] { "x,level" }.Concat(Enumerable.Range(0, 90).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i % 3 + 0.01 * i},{i % 3}"))));
        var run = CliRun.Of("train", "--train", F("levels.csv"), "--label", "level", "--task", "regression", "--hidden", "4", "--epochs", "3", "--json");
        var root = Json(run);
        StringAssert.Contains(run.Error, "Task: regression (--task regression). warning: --task auto would choose multiclass: the label has 3 classes (whole numbers, at most 20 distinct).");
        Assert.AreEqual("regression", root.GetProperty("task").GetString());
        Assert.IsTrue(root.TryGetProperty("r2", out _));
    }

    [TestMethod]
    public void Cli_Train_ExplicitBinaryOnTwoClasses_AgreesWithAuto()
    {
        var lines = File.ReadAllLines(F("flowers.csv")).Where(l => !l.EndsWith(",setosa", StringComparison.Ordinal));
        File.WriteAllLines(F("two.csv"), lines);
        var run = CliRun.Of("train", "--train", F("two.csv"), "--label", "species", "--task", "BINARY", "--hidden", "4", "--epochs", "3", "--json");
        var root = Json(run);
        StringAssert.Contains(run.Error, "Task: binary (--task binary; auto would choose it too: the label has exactly 2 classes (text)).");
        Assert.AreEqual("virginica", root.GetProperty("positive_class").GetString(), "the second in ordinal order");
    }

    [TestMethod]
    public void Cli_Train_ExplicitBinaryOnThreeClasses_IsRefused()
    {
        var run = CliRun.Of("train", "--train", F("flowers.csv"), "--label", "species", "--task", "binary");
        Assert.AreEqual(2, run.ExitCode);
        Assert.AreEqual($"error: --task binary needs exactly 2 classes, but label column 'species' of {F("flowers.csv")} has 3: setosa, versicolor, virginica. " +
            "Use --task multiclass (or auto), or group the values into two classes.", run.Error.Trim());
    }

    [TestMethod]
    public void Cli_Train_ExplicitRegressionOnText_IsRefused()
    {
        var run = CliRun.Of("train", "--train", F("flowers.csv"), "--label", "species", "--task", "regression");
        Assert.AreEqual(2, run.ExitCode);
        StringAssert.StartsWith(run.Error, $"error: --task regression needs a numeric label, but label column 'species' of {F("flowers.csv")} holds 112 value(s) that are not numbers, such as '");
    }

    [TestMethod]
    public void Cli_Train_UnknownTask_IsRefused()
    {
        var run = CliRun.Of("train", "--train", F("flowers.csv"), "--label", "species", "--task", "clustering");
        Assert.AreEqual(2, run.ExitCode);
        Assert.AreEqual("error: --task must be auto, multiclass, binary or regression; got 'clustering'.", run.Error.Trim());
    }

    [TestMethod]
    public void Cli_Train_PositiveClassWithoutBinary_IsRefused()
    {
        var run = CliRun.Of("train", "--train", F("flowers.csv"), "--label", "species", "--positive-class", "setosa");
        Assert.AreEqual(2, run.ExitCode);
        StringAssert.StartsWith(run.Error, "error: --positive-class applies to binary classification only; the task is multiclass.");
    }
}
