using System.Globalization;

namespace NeuralNet.MLExtensions.Quality;

/// <summary>What a task is measured by: classification by accuracy and log-loss, regression by RMSE.</summary>
internal enum TaskKind
{
    Classification,
    Regression,
}

/// <summary>
/// One data set of the benchmark as raw CSV files (header row, features first, the target last), with each feature
/// column's kind found by reading both files: numeric when every non-empty cell parses as a number, text otherwise.
/// The task follows the rule of the scikit-learn peer script: a numeric target with more than 20 distinct values is
/// regression, anything else classification.
/// </summary>
internal sealed record SuiteSet(string Name, string TrainPath, string TestPath, string[] ColumnNames, bool[] IsNumeric, TaskKind Task,
    int TrainRows, int TestRows)
{
    public int FeatureColumns => ColumnNames.Length - 1;
    public int TextColumns => IsNumeric.Take(FeatureColumns).Count(n => !n);

    /// <summary>Reads NAME_train.csv and NAME_test.csv in <paramref name="directory"/>.</summary>
    public static SuiteSet Scan(string directory, string name)
    {
        string train = Path.Combine(directory, name + "_train.csv"), test = Path.Combine(directory, name + "_test.csv");
        string[] header = File.ReadLines(train).First().Split(',');
        var numeric = Enumerable.Repeat(true, header.Length).ToArray();
        var targets = new HashSet<string>();
        int trainRows = Scan(train, header.Length, numeric, targets), testRows = Scan(test, header.Length, numeric, targets);
        bool regression = numeric[^1] && targets.Count > 20;
        return new SuiteSet(name, train, test, header, numeric, regression ? TaskKind.Regression : TaskKind.Classification, trainRows, testRows);
    }

    /// <summary>Every NAME_train.csv with its NAME_test.csv in <paramref name="directory"/>, by name.</summary>
    public static IEnumerable<SuiteSet> All(string directory) =>
        Directory.EnumerateFiles(directory, "*_train.csv")
            .Select(f => Path.GetFileName(f)[..^"_train.csv".Length])
            .Where(n => File.Exists(Path.Combine(directory, n + "_test.csv")))
            .Order(StringComparer.Ordinal)
            .Select(n => Scan(directory, n));

    private static int Scan(string path, int columns, bool[] numeric, HashSet<string> targets)
    {
        int rows = 0, line = 1;
        foreach (string text in File.ReadLines(path).Skip(1))
        {
            line++;
            if (text.Length == 0) continue;
            string[] cells = text.Split(',');
            if (cells.Length != columns)
                throw new InvalidDataException($"{path}, line {line}: expected {columns} comma-separated fields (no quoting is supported here); got {cells.Length}.");
            for (int c = 0; c < columns; c++)
                if (numeric[c] && cells[c].Length > 0 && !double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    numeric[c] = false;
            targets.Add(cells[^1]);
            rows++;
        }
        return rows;
    }
}
