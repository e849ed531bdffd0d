using System.Globalization;
using Microsoft.ML;
using NeuralNet.MLExtensions;

namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// An MLP with some options changed from their defaults, for sweeps and ablations: <c>--variant NAME:Key=Value;Key=Value</c>
/// adds a system NAME whose three trainers get those option values (set by name on the shared options base; arrays
/// as <c>256|256</c>, enums by name). A value that does not parse, or an unknown option, stops the run with its name.
/// </summary>
internal static class MlpVariant
{
    public static TrainerSystem Parse(string spec)
    {
        int colon = spec.IndexOf(':');
        string name = colon < 0 ? spec : spec[..colon];
        var assignments = (colon < 0 ? "" : spec[(colon + 1)..]).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.Split('=', 2) is [var k, var v] ? (Key: k.Trim(), Value: v.Trim()) : throw new ArgumentException($"--variant {name}: '{a}' is not Key=Value."))
            .ToList();
        int bins = assignments.Where(a => a.Key == "Bins").Select(a => int.Parse(a.Value, CultureInfo.InvariantCulture)).FirstOrDefault();
        assignments.RemoveAll(a => a.Key == "Bins");
        foreach (var (key, value) in assignments) Apply(new MlpTrainer.Options(), key, value); // fail before any training
        return new TrainerSystem(name,
            ml => Pre(ml, bins, ml.MulticlassClassification.Trainers.Mlp(Configure(new MlpTrainer.Options(), assignments))),
            ml => Pre(ml, bins, ml.Regression.Trainers.Mlp(Configure(new MlpRegressionTrainer.Options(), assignments))),
            ml => Pre(ml, bins, ml.BinaryClassification.Trainers.Mlp(Configure(new MlpBinaryTrainer.Options(), assignments))));
    }

    // Bins=N: the features through ML.NET's NormalizeBinning (N equal-count bins, as bin/N) before the trainer.
    private static IEstimator<ITransformer> Pre(MLContext ml, int bins, IEstimator<ITransformer> trainer) =>
        bins <= 0 ? trainer : ml.Transforms.NormalizeBinning("Features", maximumBinCount: bins, fixZero: false).Append(trainer);

    private static T Configure<T>(T options, List<(string Key, string Value)> assignments) where T : MlpOptionsBase
    {
        foreach (var (key, value) in assignments) Apply(options, key, value);
        return options;
    }

    private static void Apply(MlpOptionsBase options, string key, string value)
    {
        var property = options.GetType().GetProperty(key) ?? throw new ArgumentException($"--variant: no option named {key}.");
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(options, Convert(type, value, key));
    }

    private static object? Convert(Type type, string value, string key)
    {
        if (value == "null") return null;
        if (type.IsArray)
        {
            var parts = value.Length == 0 ? [] : value.Split('|');
            var array = Array.CreateInstance(type.GetElementType()!, parts.Length);
            for (int i = 0; i < parts.Length; i++) array.SetValue(Convert(type.GetElementType()!, parts[i], key), i);
            return array;
        }
        if (type.IsEnum) return Enum.Parse(type, value, ignoreCase: true);
        try { return System.Convert.ChangeType(value, type, CultureInfo.InvariantCulture); }
        catch (FormatException) { throw new ArgumentException($"--variant: {key}={value} is not a {type.Name}."); }
    }
}
