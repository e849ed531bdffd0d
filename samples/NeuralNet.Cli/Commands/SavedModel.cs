using Microsoft.ML;

namespace NeuralNet.Cli.Commands;

/// <summary>Loads a model file written by <c>train --model</c> with plain <c>mlContext.Model.Load</c>.</summary>
internal static class SavedModel
{
    public static (ITransformer Model, DataViewSchema Input) Load(MLContext ml, string path)
    {
        if (!File.Exists(path)) throw new CliException($"File not found: {path}");
        try
        {
            var model = ml.Model.Load(path, out var input);
            return (model, input);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException or IOException or ArgumentException)
        {
            throw new CliException($"Could not load the model {path}: {e.Message.Split(Environment.NewLine)[0]}");
        }
    }
}
