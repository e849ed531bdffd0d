using System.Globalization;
using System.Text.Json;

namespace NeuralNet.MLExtensions.Tests.Cli;

/// <summary>
/// Binary classification end to end on a two-class file (is the flower virginica? yes/no): --task auto chooses it,
/// "yes" is the positive class, --json gives BinaryClassification.Evaluate's AUC, F1, accuracy, log-loss and AUPRC,
/// and a saved model evaluates to the same figures and predicts the class with the positive class's probability.
/// </summary>
[TestClass]
public sealed class CliBinaryTests
{
    private static string _folder = null!;
    private static string F(string name) => Path.Combine(_folder, name);
    private static CliRun _train = null!;

    [ClassInitialize]
    public static void TrainOnce(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("cli-binary").FullName;
        SuiteCsv.WriteVirginica(F("train.csv"), "iris_train.csv");
        SuiteCsv.WriteVirginica(F("test.csv"), "iris_test.csv");
        SuiteCsv.WriteVirginica(F("unlabelled.csv"), "iris_test.csv", withLabel: false);
        _train = CliRun.Of("train", "--train", F("train.csv"), "--test", F("test.csv"), "--label", "virginica", "--hidden", "16", "--epochs", "150",
            "--learning-rate", "0.01", "--seed", "1", "--model", F("model.zip"), "--json");
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void Cli_Train_AutoOnTwoClasses_ChoosesBinaryWithYesAsPositive()
    {
        Assert.AreEqual(0, _train.ExitCode, _train.Error);
        StringAssert.Contains(_train.Error, "Task: binary (--task auto: the label has exactly 2 classes (text)).");
        StringAssert.Contains(_train.Error, "Positive class (true): 'yes' (it reads 'yes'; --positive-class to change); negative class (false): 'no'.");
    }

    [TestMethod]
    public void Cli_Train_Binary_JsonHasAucF1AndTheRest()
    {
        using var json = JsonDocument.Parse(_train.Output);
        var root = json.RootElement;
        Assert.AreEqual("binary", root.GetProperty("task").GetString());
        foreach (var key in new[] { "accuracy", "auc", "auprc", "f1", "log_loss", "log_loss_reduction" })
            Assert.IsTrue(double.IsFinite(root.GetProperty(key).GetDouble()), key);
        Assert.IsGreaterThanOrEqualTo(0.95, root.GetProperty("auc").GetDouble());
        Assert.IsGreaterThanOrEqualTo(0.85, root.GetProperty("f1").GetDouble());
        CollectionAssert.AreEqual(new[] { "no", "yes" }, root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToArray());
        Assert.AreEqual("yes", root.GetProperty("positive_class").GetString());
        Assert.AreEqual(38, root.GetProperty("test_rows").GetInt32());
        Assert.IsFalse(root.TryGetProperty("micro_accuracy", out _));
    }

    [TestMethod]
    public void Cli_EvaluateAndPredict_SavedBinaryModel_GiveTheTrainFiguresAndTheClass()
    {
        var evaluate = CliRun.Of("evaluate", "--model", F("model.zip"), "--data", F("test.csv"), "--label", "virginica", "--json");
        Assert.AreEqual(0, evaluate.ExitCode, evaluate.Error);
        using var trained = JsonDocument.Parse(_train.Output);
        using var evaluated = JsonDocument.Parse(evaluate.Output);
        Assert.AreEqual("binary", evaluated.RootElement.GetProperty("task").GetString());
        foreach (var key in new[] { "accuracy", "auc", "f1", "log_loss", "auprc" })
            Assert.AreEqual(trained.RootElement.GetProperty(key).GetDouble(), evaluated.RootElement.GetProperty(key).GetDouble(), 1e-9, key);

        string output = F("predictions.csv");
        var predict = CliRun.Of("predict", "--model", F("model.zip"), "--data", F("unlabelled.csv"), "--output", output);
        Assert.AreEqual(0, predict.ExitCode, predict.Error);
        var lines = File.ReadAllLines(output);
        Assert.AreEqual("PredictedLabel,P(yes)", lines[0]);
        Assert.HasCount(39, lines);
        var truth = File.ReadAllLines(F("test.csv")).Skip(1).Select(l => l.Split(',')[^1]).ToArray();
        int correct = 0;
        foreach (var (line, i) in lines.Skip(1).Select((l, i) => (l, i)))
        {
            var cells = line.Split(',');
            double p = double.Parse(cells[1], CultureInfo.InvariantCulture);
            Assert.AreEqual(p > 0.5 ? "yes" : "no", cells[0], $"row {i}: the class follows the probability");
            if (cells[0] == truth[i]) correct++;
        }
        Assert.AreEqual(evaluated.RootElement.GetProperty("accuracy").GetDouble(), correct / 38.0, 1e-9, "predict's classes are the ones evaluate scores");
    }

    [TestMethod]
    public void Cli_Train_PositiveClassOption_SwapsTrueAndFalse()
    {
        var run = CliRun.Of("train", "--train", F("train.csv"), "--test", F("test.csv"), "--label", "virginica", "--positive-class", "no",
            "--hidden", "4", "--epochs", "5", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, "Positive class (true): 'no' (--positive-class); negative class (false): 'yes'.");
        using var json = JsonDocument.Parse(run.Output);
        Assert.AreEqual("no", json.RootElement.GetProperty("positive_class").GetString());
        CollectionAssert.AreEqual(new[] { "yes", "no" }, json.RootElement.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToArray());
    }

    [TestMethod]
    public void Cli_Train_PositiveClassNotALabel_IsRefused()
    {
        var run = CliRun.Of("train", "--train", F("train.csv"), "--label", "virginica", "--positive-class", "maybe");
        Assert.AreEqual(2, run.ExitCode);
        Assert.AreEqual("error: --positive-class must be one of the label's two classes (no, yes); got 'maybe'.", run.Error.Trim());
    }

    [TestMethod]
    public void Cli_Train_NumericTwoClasses_TheLargerIsPositive()
    {
        var lines = File.ReadAllLines(F("train.csv")).Select((l, i) => i == 0 ? l : l.Replace(",yes", ",1", StringComparison.Ordinal).Replace(",no", ",0", StringComparison.Ordinal));
        File.WriteAllLines(F("numeric.csv"), lines);
        var run = CliRun.Of("train", "--train", F("numeric.csv"), "--label", "virginica", "--hidden", "4", "--epochs", "5", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, "Task: binary (--task auto: the label has exactly 2 classes (whole numbers, at most 20 distinct)).");
        using var json = JsonDocument.Parse(run.Output);
        Assert.AreEqual("1", json.RootElement.GetProperty("positive_class").GetString());
    }

    [TestMethod]
    public void Cli_Evaluate_BinaryUnseenClass_IsCountedAndLeftOut()
    {
        var lines = File.ReadAllLines(F("test.csv"));
        for (int i = 1; i <= 3; i++) lines[i] = lines[i][..lines[i].LastIndexOf(',')] + ",maybe";
        File.WriteAllLines(F("unseen.csv"), lines);
        var run = CliRun.Of("evaluate", "--model", F("model.zip"), "--data", F("unseen.csv"), "--label", "virginica", "--json");
        Assert.AreEqual(0, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, $"3 row(s) of {F("unseen.csv")} have 1 class(es) the model was not trained on: 'maybe' (3). The metrics below leave them out; counting them as errors, accuracy is ");
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.AreEqual(35, root.GetProperty("test_rows").GetInt32());
        Assert.AreEqual(3, root.GetProperty("unseen_class_rows").GetInt32());
        Assert.AreEqual(root.GetProperty("accuracy").GetDouble() * 35 / 38, root.GetProperty("accuracy_counting_unseen_as_errors").GetDouble(), 1e-12);
    }
}
