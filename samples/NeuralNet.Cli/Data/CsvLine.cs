namespace NeuralNet.Cli.Data;

/// <summary>Writing CSV fields (reading is <see cref="CsvRecordReader"/>).</summary>
internal static class CsvLine
{
    /// <summary>A value as a CSV field, quoted when it holds a comma, quote or line break.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
