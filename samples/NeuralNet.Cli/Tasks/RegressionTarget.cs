using Microsoft.ML;
using NeuralNet.Cli.Data;

namespace NeuralNet.Cli.Tasks;

/// <summary>
/// A numeric label read as the Single target the regression trainer takes (loaded as a number, not as text). Rows
/// whose label is missing, infinite, beyond a 32-bit float or text are counted and dropped; no number is imputed for a
/// label.
/// </summary>
internal static class RegressionTarget
{
    /// <summary>The data with <see cref="LabelClasses.KeyColumn"/> the finite target; rows without one dropped.</summary>
    public static IDataView Target(MLContext ml, string labelColumn, IDataView data)
    {
        var copied = ml.Transforms.Expression(LabelClasses.KeyColumn, "x => x - x == 0 ? x : na(x)", labelColumn).Fit(data).Transform(data);
        return ml.Data.FilterRowsByMissingValues(copied, LabelClasses.KeyColumn);
    }

    /// <summary>Rows of <paramref name="data"/> (after <see cref="Target"/>).</summary>
    public static long Count(IDataView data) => TestFileLoader.CountRows(data);

    /// <summary>Label cells of the file that give no target, one line; null when there are none.</summary>
    public static string? DescribeUnusable(CsvScan scan, CsvColumn label)
    {
        long unusable = label.Missing + label.NonFinite + label.NotNumbers;
        if (unusable == 0) return null;
        var parts = new[]
        {
            label.Missing > 0 ? $"{label.Missing} empty, ? or NA" : null,
            label.NonFinite > 0 ? $"{label.NonFinite} infinite or out of range" : null,
            label.NotNumbers > 0 ? $"{label.NotNumbers} not a number" : null,
        }.OfType<string>();
        return $"{unusable} row(s) of {scan.Path} have no usable label ({string.Join(", ", parts)}) and are skipped.";
    }
}
