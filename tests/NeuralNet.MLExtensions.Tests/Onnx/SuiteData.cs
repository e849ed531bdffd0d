using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>
/// The suite's raw CSV sets (data/suite: text categories, empty cells, the class in "target") loaded and featurised the
/// way an ML.NET user would: numeric columns imputed (ReplaceMissingValues), text one-hot encoded, all concatenated
/// into Features and min-max normalised, the class through MapValueToKey.
/// </summary>
internal static class SuiteData
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "data", "suite", file);

    /// <summary>The loader for <paramref name="name"/>: a column is numeric when every non-empty cell of the training file parses.</summary>
    public static (TextLoader Loader, string[] Numeric, string[] Text) Loader(MLContext ml, string name)
    {
        var lines = File.ReadAllLines(PathOf($"{name}_train.csv"));
        string[] header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        bool IsNumeric(int c) => rows.All(r => r[c].Length == 0 || float.TryParse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var columns = header.Select((h, c) => new TextLoader.Column(h, h != "target" && IsNumeric(c) ? DataKind.Single : DataKind.String, c)).ToArray();
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options { HasHeader = true, Separators = [','], AllowQuoting = true, Columns = columns });
        string[] numeric = columns.Where(c => c.DataKind == DataKind.Single).Select(c => c.Name).ToArray();
        string[] text = columns.Where(c => c.DataKind == DataKind.String && c.Name != "target").Select(c => c.Name).ToArray();
        return (loader, numeric, text);
    }

    /// <summary>Featurisation, the trainer, and PredictedTarget: the predicted class mapped back to its text.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, string[] numeric, string[] text, IEstimator<ITransformer> trainer)
    {
        IEstimator<ITransformer> pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "target");
        if (numeric.Length > 0)
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(numeric.Select(n => new InputOutputColumnPair(n)).ToArray(),
                MissingValueReplacingEstimator.ReplacementMode.Mean));
        if (text.Length > 0)
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(text.Select(n => new InputOutputColumnPair(n)).ToArray()));
        return pipeline
            .Append(ml.Transforms.Concatenate("Features", numeric.Concat(text).ToArray()))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(trainer)
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedTarget", "PredictedLabel"));
    }
}
