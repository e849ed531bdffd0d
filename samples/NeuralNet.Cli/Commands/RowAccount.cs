using System.Globalization;
using NeuralNet.Cli.Data;

namespace NeuralNet.Cli.Commands;

/// <summary>
/// How the rows of a labelled file were used in an evaluation: the rows the metrics cover, the rows skipped for lack of
/// a label, the rows whose class the model was not trained on (left out of ML.NET's metrics, which cannot score them),
/// and the rows with numbers replaced. <see cref="Used"/> + <see cref="NoLabel"/> + <see cref="UnseenRows"/> =
/// <see cref="FileRows"/>, and the classes' support adds up to <see cref="Used"/>.
/// </summary>
internal sealed record RowAccount(string Path, long FileRows, long Used, long NoLabel, IReadOnlyList<(string Class, long Rows)> Unseen, long Imputed)
{
    public long UnseenRows => Unseen.Sum(u => u.Rows);

    public static RowAccount Of(CsvScan scan, CsvColumn label, IReadOnlyList<string> classes, bool numericLabel, IReadOnlySet<string> numericColumns, long used) =>
        new(scan.Path, scan.Rows, used, label.Missing, LabelClasses.Unseen(label, classes, numericLabel), NumericCleaning.ChangedLines(scan, numericColumns).Length);

    /// <summary>Micro accuracy with the unseen-class rows counted as errors.</summary>
    public double AccuracyCountingUnseen(double microAccuracy) => microAccuracy * Used / (Used + UnseenRows);

    /// <param name="microAccuracy">The accuracy the metrics give (the rows of unseen classes left out).</param>
    /// <param name="accuracyName">What the accuracy is called ("micro accuracy" for multiclass, "accuracy" for binary).</param>
    public IEnumerable<string> Describe(double microAccuracy, string accuracyName = "micro accuracy")
    {
        if (NoLabel > 0) yield return $"{NoLabel} row(s) of {Path} have no label (empty, ? or NA) and are skipped.";
        if (UnseenRows == 0) yield break;
        var list = string.Join(", ", Unseen.Take(10).Select(u => $"'{u.Class}' ({u.Rows})")) + (Unseen.Count > 10 ? $" and {Unseen.Count - 10} more" : "");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{UnseenRows} row(s) of {Path} have {Unseen.Count} class(es) the model was not trained on: {list}. The metrics below leave them out; " +
            $"counting them as errors, {accuracyName} is {AccuracyCountingUnseen(microAccuracy):F4}.");
    }
}
