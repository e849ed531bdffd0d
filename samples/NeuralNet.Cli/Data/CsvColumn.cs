namespace NeuralNet.Cli.Data;

/// <summary>What a scan found in one CSV column.</summary>
/// <param name="Name">Header name.</param>
/// <param name="Index">0-based position.</param>
/// <param name="IsNumeric">Every non-empty value parses as a number.</param>
/// <param name="Missing">Empty values.</param>
/// <param name="Distinct">Distinct non-empty values (up to a cap), in order of first appearance.</param>
internal sealed record CsvColumn(string Name, int Index, bool IsNumeric, long Missing, IReadOnlyList<string> Distinct);
