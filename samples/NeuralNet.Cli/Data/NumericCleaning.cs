using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.Cli.Data;

/// <summary>
/// The policy for numbers that cannot be used as they are (README, "Hostile input"): a missing cell (empty, <c>?</c>,
/// <c>NA</c>, <c>NaN</c>), an infinity (<c>inf</c>, <c>-inf</c>, <c>Infinity</c>), a number beyond a 32-bit float
/// (<c>1e40</c>) and, in a column the saved model reads as numbers, text, are all replaced by the column's mean over
/// the training rows. No row is dropped for them, and every row changed is counted and reported.
/// </summary>
internal static class NumericCleaning
{
    /// <summary>
    /// Turns infinities (ML.NET reads <c>Infinity</c> and <c>1e40</c> as ±∞) into missing values, which the model's
    /// ReplaceMissingValues step then imputes. Applied by every command to the file it reads; not part of the saved model.
    /// </summary>
    public static IDataView ReplaceNonFinite(MLContext ml, IDataView data, CsvScan scan, IReadOnlySet<string> numericColumns)
    {
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        bool any = false;
        foreach (var column in scan.Columns.Where(c => c.NonFinite > 0 && numericColumns.Contains(c.Name)))
        {
            chain = chain.Append(ml.Transforms.Expression(column.Name, "x => x - x == 0 ? x : na(x)", column.Name));
            any = true;
        }
        return any ? chain.Fit(data).Transform(data) : data;
    }

    /// <summary>Lines of <paramref name="scan"/> with at least one number replaced (missing, non-finite or text in a numeric column).</summary>
    public static int[] ChangedLines(CsvScan scan, IReadOnlySet<string> numericColumns) =>
        scan.Columns.Where(c => numericColumns.Contains(c.Name)).SelectMany(c => c.ChangedLines).Distinct().Order().ToArray();

    /// <summary>One line saying how many rows had numbers replaced, by what, in which columns and where; null when none.</summary>
    public static string? Describe(CsvScan scan, IReadOnlySet<string> numericColumns, string replacement)
    {
        var lines = ChangedLines(scan, numericColumns);
        if (lines.Length == 0) return null;
        var columns = scan.Columns.Where(c => numericColumns.Contains(c.Name) && c.ChangedLines.Count > 0).Select(c => $"{c.Name} ({What(c)})");
        return $"{lines.Length} of {scan.Rows} row(s) of {scan.Path} had values replaced by {replacement}: {string.Join(", ", columns)}; " +
            $"line(s) {string.Join(", ", lines.Take(5))}{(lines.Length > 5 ? ", …" : "")}.";
    }

    private static string What(CsvColumn c) => string.Join(", ", new[]
    {
        c.Missing > 0 ? $"{c.Missing} missing" : null,
        c.NonFinite > 0 ? $"{c.NonFinite} infinite or out of range" : null,
        c.NotNumbers > 0 ? $"{c.NotNumbers} not a number" : null,
    }.OfType<string>());
}
