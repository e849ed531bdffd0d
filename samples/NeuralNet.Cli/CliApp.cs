using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text.RegularExpressions;
using NeuralNet.Cli.Commands;

namespace NeuralNet.Cli;

/// <summary>
/// The command line: <c>train</c>, <c>evaluate</c> and <c>predict</c>. <see cref="Run"/> takes its writers so tests
/// run it in-process; errors in the user's input print one line on standard error and exit with 2.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error, bool interactive = false)
    {
        var root = new RootCommand("Train, evaluate and apply a multilayer perceptron (classification or regression) on CSV files (ML.NET).")
        {
            Train(output, error, interactive),
            Evaluate(output, error),
            Predict(output, error),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            // One line, as for every other input error; System.CommandLine would print the whole help on standard output.
            var command = parse.CommandResult.Command;
            error.WriteLine($"error: {Describe(parse.Errors[0].Message)} (see: neuralnet{(command is RootCommand ? "" : " " + command.Name)} --help)");
            return CliException.ExitCode;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>System.CommandLine's parse error, with the type named as a user would ("a whole number", not System.Int32).</summary>
    private static string Describe(string message)
    {
        var match = Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '([^']*)'\.?$");
        if (!match.Success) return message;
        string type = match.Groups[3].Value;
        string expected = type.Contains("Int32", StringComparison.Ordinal) ? $"a whole number from {int.MinValue} to {int.MaxValue}"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) ? "a number such as 0.25"
            : type;
        return $"{match.Groups[2].Value} takes {expected}; got '{match.Groups[1].Value}'.";
    }

    private static Command Train(TextWriter output, TextWriter error, bool interactive)
    {
        var train = new Option<string>("--train") { Description = "Training CSV with a header row.", Required = true };
        var label = new Option<string>("--label") { Description = "Name of the label column (text or numbers).", Required = true };
        var task = new Option<string>("--task")
        {
            Description = "auto, multiclass, binary or regression. auto: regression for a numeric label with more than 20 distinct values or any " +
                "value that is not a whole number, binary for exactly two classes, else multiclass.",
            DefaultValueFactory = _ => "auto",
        };
        var positiveClass = new Option<string?>("--positive-class")
        {
            Description = "Binary: the class that is true (whose probability is reported). Default: for numbers the larger; for text the one reading true or yes, else the second in ordinal order.",
        };
        var test = new Option<string?>("--test") { Description = "Test CSV; without it a fraction of the training rows is held out." };
        var testFraction = new Option<double>("--test-fraction") { Description = "Fraction held out for testing when there is no --test.", DefaultValueFactory = _ => 0.2 };
        var hidden = new Option<string?>("--hidden") { Description = "Hidden layer widths, comma-separated, e.g. 256,128; empty for none (default: the preset's)." };
        var activation = new Option<string>("--activation") { Description = "relu, leakyrelu, tanh, sigmoid, gelu or identity.", DefaultValueFactory = _ => "relu" };
        var epochs = new Option<int?>("--epochs") { Description = "Maximum number of epochs (default: the preset's, 200; training stops earlier when the validation or training loss stops improving)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Rows per mini-batch (default: the preset's: tabular 64, 256 above 50,000 rows; classic 32)." };
        var learningRate = new Option<float?>("--learning-rate") { Description = "Adam's step size (default: the preset's: tabular 0.003, classic 0.001)." };
        var seed = new Option<int>("--seed") { Description = "Seed for the split, the initial weights and the shuffles.", DefaultValueFactory = _ => 0 };
        var validation = new Option<double?>("--validation-fraction") { Description = "Fraction of the training rows held out (stratified) to pick the best epoch and stop early; 0 for none (default: the preset's, 0.2 for tabular)." };
        var preset = new Option<string>("--preset") { Description = "tabular (held-out best epoch; small sets then train again on all rows) or classic (version 0.1's defaults).", DefaultValueFactory = _ => "tabular" };
        var model = new Option<string?>("--model") { Description = "Where to save the trained pipeline (.zip)." };
        var report = new Option<string?>("--report") { Description = "Where to write the evaluation report (.html; .md or .json by extension)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the metrics on standard output." };
        var command = new Command("train", "Train on a CSV file and evaluate on a test file or held-out rows.")
        {
            train, label, task, positiveClass, test, testFraction, hidden, activation, epochs, batchSize, learningRate, seed, validation, preset, model, report, json,
        };
        command.SetAction(r => Guard(error, () => TrainCommand.Run(new TrainSettings(
            r.GetValue(train)!, r.GetValue(label)!, r.GetValue(test), r.GetValue(testFraction), r.GetValue(hidden) is { } widths ? ParseHidden(widths) : null,
            r.GetValue(activation)!, r.GetValue(epochs), r.GetValue(batchSize), r.GetValue(learningRate), r.GetValue(seed),
            r.GetValue(validation), r.GetValue(model), r.GetValue(report), r.GetValue(task)!, r.GetValue(positiveClass), r.GetValue(preset)!),
            new CommandOutput(output, error, r.GetValue(json), interactive))));
        return command;
    }

    private static Command Evaluate(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "A model saved by train --model.", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled CSV to evaluate on.", Required = true };
        var label = new Option<string>("--label") { Description = "Name of the label column.", Required = true };
        var report = new Option<string?>("--report") { Description = "Where to write the evaluation report (.html; .md or .json by extension)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the metrics on standard output." };
        var command = new Command("evaluate", "Evaluate a saved model on a labelled CSV file.") { model, data, label, report, json };
        command.SetAction(r => Guard(error, () => EvaluateCommand.Run(r.GetValue(model)!, r.GetValue(data)!, r.GetValue(label)!, r.GetValue(report),
            new CommandOutput(output, error, r.GetValue(json), Interactive: false))));
        return command;
    }

    private static Command Predict(TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "A model saved by train --model.", Required = true };
        var data = new Option<string>("--data") { Description = "CSV to predict (the label column may be missing).", Required = true };
        var outputPath = new Option<string?>("--output") { Description = "Where to write the predictions CSV; standard output without it." };
        var command = new Command("predict", "Predict each row of a CSV file: the class and probabilities, or the value for a regression model.") { model, data, outputPath };
        command.SetAction(r => Guard(error, () => PredictCommand.Run(r.GetValue(model)!, r.GetValue(data)!, r.GetValue(outputPath),
            new CommandOutput(output, error, Json: false, Interactive: false))));
        return command;
    }

    private static int[] ParseHidden(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size < 1)
                throw new CliException($"--hidden takes positive widths separated by commas, e.g. 256,128; got '{text}'.");
            sizes.Add(size);
        }
        return sizes.ToArray();
    }

    /// <summary>Runs a command: a user error prints one line and exits 2; anything else prints one line and exits 1.</summary>
    private static int Guard(TextWriter error, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (CliException e)
        {
            error.WriteLine($"error: {e.Message}");
            return CliException.ExitCode;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {e.GetType().Name}: {e.Message.Split(Environment.NewLine)[0]}");
            return 1;
        }
    }
}
