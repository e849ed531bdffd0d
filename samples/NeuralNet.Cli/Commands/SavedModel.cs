using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.Cli.Commands;

/// <summary>Loads a model file written by <c>train --model</c> with plain <c>mlContext.Model.Load</c>.</summary>
internal static class SavedModel
{
    public static (ITransformer Model, DataViewSchema Input) Load(MLContext ml, string path)
    {
        if (Directory.Exists(path)) throw new CliException($"Could not load the model {path}: it is a folder, not a model file.");
        if (!File.Exists(path)) throw new CliException($"File not found: {path}");
        try
        {
            var model = ml.Model.Load(path, out var input);
            return (model, input);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or FormatException or IOException or ArgumentException
            or TargetInvocationException or UnauthorizedAccessException)
        {
            throw new CliException($"Could not load the model {path}: {Cause(e).Message.Split(Environment.NewLine)[0]}");
        }
    }

    /// <summary>
    /// The exception that says what is wrong. ML.NET calls each component's loader by reflection, so a damaged MLP entry
    /// (checksum mismatch, a newer format version) arrives as TargetInvocationException, possibly wrapped again; the
    /// library's InvalidDataException inside it carries the message.
    /// </summary>
    public static Exception Cause(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is InvalidDataException) return inner;
        while (e is TargetInvocationException { InnerException: { } inner }) e = inner;
        return e;
    }

    /// <summary>The columns the model reads as numbers (all but <paramref name="except"/>, the label).</summary>
    public static IReadOnlySet<string> NumericColumns(DataViewSchema input, string? except) =>
        input.Where(c => !c.IsHidden && c.Type == NumberDataViewType.Single && c.Name != except).Select(c => c.Name).ToHashSet();
}
