using System.Globalization;

namespace NeuralNet.Cli.Data;

/// <summary>
/// One pass over a CSV file with a header: checks it is not empty and not ragged, and finds each column's type
/// (numeric when every non-empty value parses as a number, else text), its missing values and its distinct values.
/// </summary>
internal sealed class CsvScan
{
    private const int DistinctCap = 1000;

    private CsvScan(string path, IReadOnlyList<CsvColumn> columns, long rows)
    {
        Path = path;
        Columns = columns;
        Rows = rows;
    }

    public string Path { get; }
    public IReadOnlyList<CsvColumn> Columns { get; }
    public long Rows { get; }

    public CsvColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public CsvColumn Require(string name, string role) => Find(name)
        ?? throw new CliException($"{role} column '{name}' is not in {Path} (its columns: {string.Join(", ", Columns.Select(c => c.Name))}).");

    public static CsvScan Read(string path)
    {
        if (!File.Exists(path)) throw new CliException($"File not found: {path}");
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        while (header is not null && header.Trim().Length == 0) header = reader.ReadLine();
        if (header is null) throw new CliException($"{path} is empty: expected a header row and data rows.");
        var names = CsvLine.Split(header);
        if (names.Any(n => n.Length == 0)) throw new CliException($"{path}: the header has an empty column name.");
        if (names.Distinct().Count() != names.Count) throw new CliException($"{path}: the header repeats a column name.");

        int n = names.Count;
        var numeric = Enumerable.Repeat(true, n).ToArray();
        var missing = new long[n];
        var distinct = Enumerable.Range(0, n).Select(_ => new List<string>()).ToArray();
        var seen = Enumerable.Range(0, n).Select(_ => new HashSet<string>()).ToArray();
        long rows = 0;
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            var fields = CsvLine.Split(line);
            if (fields.Count != n)
                throw new CliException($"{path} line {lineNumber} has {fields.Count} fields; the header has {n}.");
            rows++;
            for (int c = 0; c < n; c++)
            {
                string value = fields[c];
                if (value.Length == 0 || value == "?" || value.Equals("NA", StringComparison.OrdinalIgnoreCase)) { missing[c]++; continue; }
                if (numeric[c] && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) numeric[c] = false;
                if (distinct[c].Count < DistinctCap && seen[c].Add(value)) distinct[c].Add(value);
            }
        }
        if (rows == 0) throw new CliException($"{path} has a header but no data rows.");
        var columns = names.Select((name, c) => new CsvColumn(name, c, numeric[c] && missing[c] < rows, missing[c], distinct[c])).ToArray();
        return new CsvScan(path, columns, rows);
    }
}
