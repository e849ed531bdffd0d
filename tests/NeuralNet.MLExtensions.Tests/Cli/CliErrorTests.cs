namespace NeuralNet.MLExtensions.Tests.Cli;

[TestClass]
public sealed class CliErrorTests
{
    private static string _folder = null!;

    [ClassInitialize]
    public static void MakeFiles(TestContext _)
    {
        _folder = Directory.CreateTempSubdirectory("cli-errors").FullName;
        FlowerCsv.Write(Path.Combine(_folder, "train.csv"), "iris_train.csv");
        File.WriteAllText(Path.Combine(_folder, "empty.csv"), "");
        File.WriteAllText(Path.Combine(_folder, "header.csv"), "a,b,label\n");
        File.WriteAllText(Path.Combine(_folder, "ragged.csv"), "a,b,label\n1,2,x\n3,4\n5,6,y\n");
        File.WriteAllText(Path.Combine(_folder, "nolabels.csv"), "a,b,label\n1,2,\n3,4,?\n");
        File.WriteAllText(Path.Combine(_folder, "duplicate.csv"), "a,b,a,label\n1,2,3,x\n");
        File.WriteAllText(Path.Combine(_folder, "unclosed.csv"), "a,b,label\n1,2,x\n3,\"4,y\n5,6,y\n");
    }

    [ClassCleanup]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    private static string F(string name) => Path.Combine(_folder, name);

    private static void AssertError(CliRun run, string message)
    {
        Assert.AreEqual(2, run.ExitCode);
        Assert.AreEqual($"error: {message}", run.Error.TrimEnd('\n', '\r'), "one line on standard error");
        Assert.AreEqual("", run.Output);
    }

    [TestMethod]
    public void Cli_Train_MissingFile() =>
        AssertError(CliRun.Of("train", "--train", F("nope.csv"), "--label", "species"), $"File not found: {F("nope.csv")}");

    [TestMethod]
    public void Cli_Train_UnknownLabel() =>
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "kind", "--json"),
            $"Label column 'kind' is not in {F("train.csv")} (its columns: sepal_length, sepal_width, petal_length, petal_width, colour, species).");

    [TestMethod]
    public void Cli_Train_EmptyFile() =>
        AssertError(CliRun.Of("train", "--train", F("empty.csv"), "--label", "label"), $"{F("empty.csv")} is empty: expected a header row and data rows.");

    [TestMethod]
    public void Cli_Train_HeaderOnly() =>
        AssertError(CliRun.Of("train", "--train", F("header.csv"), "--label", "label"), $"{F("header.csv")} has a header but no data rows.");

    [TestMethod]
    public void Cli_Train_RaggedRows() =>
        AssertError(CliRun.Of("train", "--train", F("ragged.csv"), "--label", "label"),
            $"{F("ragged.csv")} line 3 has 2 fields; the header has 3. (A line break inside a field needs the field in double quotes.)");

    [TestMethod]
    public void Cli_Train_BadOption() =>
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--hidden", "16,0"), "--hidden takes positive widths separated by commas, e.g. 256,128; got '16,0'.");

    [TestMethod]
    public void Cli_Train_MissingOutputFolder_FailsBeforeTrainingAndWritesNothing()
    {
        string model = Path.Combine(_folder, "no-such-folder", "model.zip");
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--model", model),
            $"--model: Cannot write {model}: folder {Path.GetDirectoryName(model)} does not exist.");
        Assert.IsFalse(Directory.Exists(Path.GetDirectoryName(model)));
    }

    [TestMethod]
    public void Cli_Evaluate_MissingModel() =>
        AssertError(CliRun.Of("evaluate", "--model", F("none.zip"), "--data", F("train.csv"), "--label", "species"), $"File not found: {F("none.zip")}");

    [TestMethod]
    public void Cli_Predict_NotAModel()
    {
        var run = CliRun.Of("predict", "--model", F("train.csv"), "--data", F("train.csv"));
        Assert.AreEqual(2, run.ExitCode);
        StringAssert.StartsWith(run.Error, $"error: Could not load the model {F("train.csv")}: ");
        Assert.HasCount(1, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [TestMethod]
    public void Cli_MissingRequiredOption_OneLine() =>
        AssertError(CliRun.Of("train", "--label", "species"), "Option '--train' is required. (see: neuralnet train --help)");

    [TestMethod]
    public void Cli_Train_SeedNotANumber_OneLine() =>
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--seed", "abc"),
            "--seed takes a whole number from -2147483648 to 2147483647; got 'abc'. (see: neuralnet train --help)");

    [TestMethod]
    public void Cli_Train_EpochsTooLarge_OneLine() =>
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--epochs", "99999999999"),
            "--epochs takes a whole number from -2147483648 to 2147483647; got '99999999999'. (see: neuralnet train --help)");

    [TestMethod]
    public void Cli_Train_TestFractionNaN() =>
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--test-fraction", "NaN"),
            "--test-fraction must be between 0 and 1 (exclusive); got NaN.");

    [TestMethod]
    public void Cli_Train_ValidationFractionNaN() =>
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--validation-fraction", "NaN"),
            "--validation-fraction must be at least 0 and below 1; got NaN.");

    [TestMethod]
    public void Cli_Train_LearningRateNaN_NamesTheOption() =>
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--learning-rate", "NaN"),
            "--learning-rate must be a positive finite number; got NaN.");

    [TestMethod]
    public void Cli_Train_ActivationAsANumber_IsRefused() =>
        AssertError(CliRun.Of("train", "--train", F("train.csv"), "--label", "species", "--activation", "3"),
            "--activation must be one of relu, leakyrelu, tanh, sigmoid, gelu, identity; got '3'.");

    [TestMethod]
    public void Cli_Train_NoLabelledRows_SaysThereAreNoRows() =>
        AssertError(CliRun.Of("train", "--train", F("nolabels.csv"), "--label", "label"),
            $"Label column 'label' of {F("nolabels.csv")} has no values: all 2 rows have an empty, ? or NA label, so there are no rows to train on.");

    [TestMethod]
    public void Cli_Train_DuplicateHeader_NamesTheColumn() =>
        AssertError(CliRun.Of("train", "--train", F("duplicate.csv"), "--label", "label"),
            $"{F("duplicate.csv")}: the header names column 'a' 2 times; column names must be unique.");

    [TestMethod]
    public void Cli_Train_UnclosedQuote_SaysWhere() =>
        AssertError(CliRun.Of("train", "--train", F("unclosed.csv"), "--label", "label"),
            $"{F("unclosed.csv")} line 3: a quoted field opened on this line is never closed (a \" is missing).");
}
