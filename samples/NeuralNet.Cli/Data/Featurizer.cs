using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace NeuralNet.Cli.Data;

/// <summary>
/// Turns every non-label column into one feature vector with ML.NET's transforms: missing numbers replaced by the
/// column mean of the training rows (infinities and out-of-range numbers count as missing: <see cref="NumericCleaning"/>),
/// text one-hot encoded, all concatenated. Says what it did, a line per step.
/// </summary>
internal static class Featurizer
{
    public const string FeaturesColumn = "__Features";

    public static (IEstimator<ITransformer> Pipeline, IReadOnlyList<string> Steps) Build(MLContext ml, CsvScan scan, string labelColumn)
    {
        var features = scan.Columns.Where(c => c.Name != labelColumn).ToArray();
        if (features.Length == 0) throw new CliException($"{scan.Path} has no feature columns besides the label '{labelColumn}'.");
        var numeric = features.Where(c => c.IsNumeric).ToArray();
        var text = features.Where(c => !c.IsNumeric).ToArray();
        var steps = new List<string>();

        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        if (numeric.Length > 0)
        {
            // Mean, not ReplaceMissingValues' default (zero), which is no number's stand-in.
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(numeric.Select(c => new InputOutputColumnPair(c.Name)).ToArray(),
                MissingValueReplacingEstimator.ReplacementMode.Mean));
            var withMissing = numeric.Where(c => c.Missing + c.NonFinite > 0).ToArray();
            steps.Add($"{numeric.Length} numeric column(s); missing values replaced by the column mean (ReplaceMissingValues)" +
                (withMissing.Length > 0 ? $": {string.Join(", ", withMissing.Select(Described))}" : "; none missing in this file"));
        }
        if (text.Length > 0)
        {
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(text.Select(c => new InputOutputColumnPair(c.Name)).ToArray()));
            steps.Add($"{text.Length} text column(s) one-hot encoded (OneHotEncoding): {string.Join(", ", text.Select(c => $"{c.Name} ({c.Distinct.Count}{(c.DistinctCapped ? "+" : "")} values)"))}");
        }
        pipeline = pipeline.Append(ml.Transforms.Concatenate(FeaturesColumn, features.Select(c => c.Name).ToArray()));
        return (pipeline, steps);
    }

    private static string Described(CsvColumn c) =>
        $"{c.Name} ({string.Join(", ", new[] { c.Missing > 0 ? $"{c.Missing} missing" : null, c.NonFinite > 0 ? $"{c.NonFinite} infinite or out of range" : null }.OfType<string>())})";
}
