namespace NeuralNet.Cli.Data;

/// <summary>What a scan found in one CSV column.</summary>
/// <param name="Name">Header name.</param>
/// <param name="Index">0-based position.</param>
/// <param name="IsNumeric">Every value that is not missing is a number (infinities and out-of-range numbers included).</param>
/// <param name="Missing">Empty, <c>?</c>, <c>NA</c> and <c>NaN</c> cells.</param>
/// <param name="NonFinite">Infinities and numbers beyond a 32-bit float's range.</param>
/// <param name="NotNumbers">Text cells (they matter when the model reads the column as numbers).</param>
/// <param name="Distinct">Distinct values that are not missing, in order of first appearance (up to a cap, except for the label).</param>
/// <param name="DistinctCapped">More distinct values exist than <paramref name="Distinct"/> holds.</param>
/// <param name="ChangedLines">
/// Lines whose cell is not a usable number (missing, non-finite or text), kept while the column is read as numbers.
/// </param>
/// <param name="Counts">For the label only: rows per distinct value.</param>
internal sealed record CsvColumn(
    string Name,
    int Index,
    bool IsNumeric,
    long Missing,
    long NonFinite,
    long NotNumbers,
    IReadOnlyList<string> Distinct,
    bool DistinctCapped,
    IReadOnlyList<int> ChangedLines,
    IReadOnlyDictionary<string, long>? Counts);
