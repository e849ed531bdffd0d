using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.Cli.Data;
using NeuralNet.Cli.Terminal;

namespace NeuralNet.Cli.Commands;

/// <summary>predict: writes each row's predicted class and class probabilities as CSV (the label column may be absent).</summary>
internal static class PredictCommand
{
    public static int Run(string modelPath, string dataPath, string? outputPath, CommandOutput io)
    {
        AtomicWrite.RequireFolder(outputPath);
        var ml = new MLContext(seed: 0);
        var (model, input) = SavedModel.Load(ml, modelPath);
        var scan = CsvScan.Read(dataPath);
        var classes = LabelClasses.FromModel(model, input);
        // The model's input schema holds the label column too; predicting does not need it.
        string? label = input.Where(c => !c.IsHidden).Select(c => c.Name).FirstOrDefault(n => scan.Find(n) is null && IsLabel(model, input, n));
        var scored = model.Transform(CsvLoader.LoadForModel(ml, scan, input, label));

        long rows = 0;
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
                writer.WriteLine(string.Join(",", new[] { CsvLine.Quote(predicted.ToString()) }
                    .Concat(score.DenseValues().Select(p => p.ToString("G6", CultureInfo.InvariantCulture)))));
                rows++;
            }
        }

        if (outputPath is null) Write(io.Output);
        else
        {
            AtomicWrite.Run(outputPath, temporary =>
            {
                using var file = new StreamWriter(temporary);
                Write(file);
            });
            io.Messages.WriteLine($"Wrote {rows} predictions to {outputPath}.");
        }
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
