using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.Cli.Data;
using NeuralNet.Cli.Terminal;

namespace NeuralNet.Cli.Commands;

/// <summary>
/// predict: writes each row's predicted class and class probabilities as CSV (the label column may be absent), one
/// output row per input row, to a file or to standard output (no <c>--output</c>, <c>-</c> or <c>/dev/stdout</c>).
/// </summary>
internal static class PredictCommand
{
    public static int Run(string modelPath, string dataPath, string? outputPath, CommandOutput io)
    {
        bool toStandardOutput = outputPath is null || OutputFile.IsStandardOutput(outputPath);
        OutputFile.RequireWritable(outputPath, "--output", standardOutputAllowed: true);
        var say = toStandardOutput ? io.Error : io.Messages;   // standard output holds the CSV alone
        var ml = new MLContext(seed: 0);
        var (model, input) = SavedModel.Load(ml, modelPath);
        var classes = LabelClasses.FromModel(model, input);
        var numericColumns = SavedModel.NumericColumns(input, except: null);
        var scan = CsvScan.Read(dataPath, numericColumns: numericColumns);
        // The model's input schema holds the label column too; predicting does not need it.
        string? label = input.Where(c => !c.IsHidden).Select(c => c.Name).FirstOrDefault(n => scan.Find(n) is null && IsLabel(model, input, n));
        var data = NumericCleaning.ReplaceNonFinite(ml, CsvLoader.LoadForModel(ml, scan, input, label), scan, numericColumns);
        var scored = model.Transform(data);

        long rows = 0, unscored = 0;
        void Write(TextWriter writer)
        {
            writer.WriteLine(string.Join(",", new[] { "PredictedLabel" }.Concat(classes.Select(c => $"P({c})")).Select(CsvLine.Quote)));
            using var cursor = scored.GetRowCursor([scored.Schema[TrainCommand.PredictedValueColumn], scored.Schema["Score"]]);
            var getPredicted = cursor.GetGetter<ReadOnlyMemory<char>>(scored.Schema[TrainCommand.PredictedValueColumn]);
            var getScore = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
            ReadOnlyMemory<char> predicted = default;
            VBuffer<float> score = default;
            while (cursor.MoveNext())
            {
                getPredicted(ref predicted);
                getScore(ref score);
                rows++;
                if (score.DenseValues().Any(p => !float.IsFinite(p)))
                {
                    // Never a NaN probability: the row keeps its place, with empty cells, and is counted.
                    unscored++;
                    writer.WriteLine(new string(',', classes.Length));
                    continue;
                }
                writer.WriteLine(string.Join(",", new[] { CsvLine.Quote(predicted.ToString()) }
                    .Concat(score.DenseValues().Select(p => p.ToString("G6", CultureInfo.InvariantCulture)))));
            }
        }

        if (toStandardOutput) Write(io.Output);
        else
        {
            OutputFile.Write(outputPath!, stream =>
            {
                using var file = new StreamWriter(stream, leaveOpen: true);
                Write(file);
            });
        }
        say.WriteLine($"Wrote {rows - unscored} predictions for the {scan.Rows} rows of {dataPath} to {(toStandardOutput ? "standard output" : outputPath)}.");
        if (NumericCleaning.Describe(scan, numericColumns, "the training mean saved in the model") is { } changed) say.WriteLine(changed);
        if (unscored > 0) say.WriteLine($"warning: {unscored} row(s) could not be scored (the model gave no finite probabilities); their cells are left empty.");
        return 0;
    }

    /// <summary>A column is the label when the model still scores without it (no later step reads it).</summary>
    private static bool IsLabel(ITransformer model, DataViewSchema input, string name)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var column in input.Where(c => c.Name != name)) builder.AddColumn(column.Name, column.Type, column.Annotations);
        try
        {
            model.GetOutputSchema(builder.ToSchema());
            return true;
        }
        catch (ArgumentOutOfRangeException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
