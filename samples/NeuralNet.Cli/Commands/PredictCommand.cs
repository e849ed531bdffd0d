using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.Cli.Data;
using NeuralNet.Cli.Tasks;
using NeuralNet.Cli.Terminal;

namespace NeuralNet.Cli.Commands;

/// <summary>
/// predict: writes each row's prediction as CSV (<see cref="PredictionColumns"/>; the label column may be absent), one
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
        var classes = LabelTarget.ForModel(ml, TrainedMlp.TaskOf(model), "", model, input).Classes;
        // The model's input schema holds the label column too (a regression label as numbers); predicting does not need it.
        string? modelLabel = input.Where(c => !c.IsHidden).Select(c => c.Name).FirstOrDefault(n => IsLabel(model, input, n));
        var numericColumns = SavedModel.NumericColumns(input, except: modelLabel);
        var scan = CsvScan.Read(dataPath, numericColumns: numericColumns);
        string? label = modelLabel is not null && scan.Find(modelLabel) is null ? modelLabel : null;
        var data = NumericCleaning.ReplaceNonFinite(ml, CsvLoader.LoadForModel(ml, scan, input, label), scan, numericColumns);
        var scored = model.Transform(data);

        var columns = PredictionColumns.For(TrainedMlp.TaskOf(model), scored, classes);
        long rows = 0, unscored = 0;
        void Write(TextWriter writer)
        {
            writer.WriteLine(string.Join(",", columns.Header.Select(CsvLine.Quote)));
            using var cursor = scored.GetRowCursor(columns.Read.Select(name => scored.Schema[name]));
            var next = columns.Reader(cursor);
            while (cursor.MoveNext())
            {
                rows++;
                if (next() is not { } cells)
                {
                    // Never a NaN probability or value: the row keeps its place, with empty cells, and is counted.
                    unscored++;
                    writer.WriteLine(new string(',', columns.Header.Count - 1));
                    continue;
                }
                writer.WriteLine(string.Join(",", cells));
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
        if (unscored > 0) say.WriteLine($"warning: {unscored} row(s) could not be scored (the model gave no finite probability or value); their cells are left empty.");
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
