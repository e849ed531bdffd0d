namespace NeuralNet.Cli.Data;

/// <summary>
/// One pass over a CSV file with a header: checks it is not empty and not ragged, and finds each column's type
/// (numeric when every value that is not missing is a number), its missing and non-finite values, its distinct values
/// (all of them for the label) and the lines whose numbers will be imputed.
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
    /// <summary>Data records (a quoted field may make one record span several lines).</summary>
    public long Rows { get; }

    public CsvColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    public CsvColumn Require(string name, string role) => Find(name)
        ?? throw new CliException($"{role} column '{name}' is not in {Path} (its columns: {string.Join(", ", Columns.Select(c => c.Name))}).");

    /// <param name="path">The file.</param>
    /// <param name="label">The label column, whose distinct values are all kept and counted.</param>
    /// <param name="numericColumns">
    /// The columns a saved model reads as numbers; null while training, when a column is numeric if its data is.
    /// </param>
    public static CsvScan Read(string path, string? label = null, IReadOnlySet<string>? numericColumns = null)
    {
        if (!File.Exists(path)) throw new CliException($"File not found: {path}");
        using var reader = new StreamReader(path);
        var records = new CsvRecordReader(reader, path);
        var names = records.Next() ?? throw new CliException($"{path} is empty: expected a header row and data rows.");
        if (names.Any(n => n.Length == 0)) throw new CliException($"{path}: the header has an empty column name.");
        var repeated = names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new CliException($"{path}: the header names column '{repeated.Key}' {repeated.Count()} times; column names must be unique.");

        var columns = names.Select((name, c) => new ColumnTally(name, c, name == label, numericColumns?.Contains(name))).ToArray();
        long rows = 0;
        for (var fields = records.Next(); fields is not null; fields = records.Next())
        {
            if (fields.Count != names.Count)
                throw new CliException($"{path} line {records.Line} has {fields.Count} fields; the header has {names.Count}." +
                    (fields.Count < names.Count ? " (A line break inside a field needs the field in double quotes.)" : ""));
            rows++;
            for (int c = 0; c < names.Count; c++) columns[c].Add(fields[c], records.Line);
        }
        if (rows == 0) throw new CliException($"{path} has a header but no data rows.");
        return new CsvScan(path, columns.Select(c => c.ToColumn(rows)).ToArray(), rows);
    }

    private sealed class ColumnTally(string name, int index, bool isLabel, bool? readAsNumbers)
    {
        private readonly List<string> _distinct = [];
        private readonly HashSet<string> _seen = [];
        private readonly Dictionary<string, long>? _counts = isLabel ? [] : null;
        private readonly List<int> _changedLines = [];
        private bool _numeric = true, _capped;
        private long _missing, _nonFinite, _text;

        public void Add(string value, int line)
        {
            var kind = CellValue.Classify(value);
            switch (kind)
            {
                case CellKind.Missing: _missing++; break;
                case CellKind.NonFinite: _nonFinite++; break;
                case CellKind.Text:
                    _text++;
                    _numeric = false;
                    if (readAsNumbers is null) _changedLines.Clear();   // a text column: nothing is imputed
                    break;
            }
            if (kind != CellKind.Number && !isLabel && (readAsNumbers ?? _numeric)) _changedLines.Add(line);
            if (kind == CellKind.Missing) return;
            if (_counts is not null) _counts[value] = _counts.GetValueOrDefault(value) + 1;
            if (_seen.Contains(value)) return;
            if (isLabel || _distinct.Count < DistinctCap)
            {
                _seen.Add(value);
                _distinct.Add(value);
            }
            else _capped = true;
        }

        public CsvColumn ToColumn(long rows) =>
            new(name, index, _numeric && _missing < rows, _missing, _nonFinite, _text, _distinct, _capped, _changedLines, _counts);
    }
}
