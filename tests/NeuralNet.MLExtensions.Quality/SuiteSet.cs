using System.Globalization;

namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// What a task is measured by: classification (multiclass trainers) by accuracy and log-loss, regression by RMSE,
/// binary (a two-class set through the binary trainers, the label mapped to Boolean) by AUC, accuracy and log-loss.
/// </summary>
internal enum TaskKind
{
    Classification,
    Regression,
    Binary,
}

/// <summary>
/// One data set of the benchmark as raw CSV files (header row, features first, the target last), with each feature
/// column's kind found by reading both files: numeric when every non-empty cell parses as a number, text otherwise.
/// The task follows the rule of the scikit-learn peer script: a numeric target with more than 20 distinct values is
/// regression, anything else classification. <see cref="Classes"/> holds the target's distinct values in ordinal order
/// (empty for regression); a set with exactly two is also measured as a binary task, the second class (in that order)
/// the positive one.
/// </summary>
internal sealed record SuiteSet(string Name, string TrainPath, string TestPath, string[] ColumnNames, bool[] IsNumeric, TaskKind Task,
    int TrainRows, int TestRows, string[] Classes)
{
    public int FeatureColumns => ColumnNames.Length - 1;
    public int TextColumns => IsNumeric.Take(FeatureColumns).Count(n => !n);

    /// <summary>True when the target has exactly two classes, so the binary trainers apply.</summary>
    public bool IsTwoClass => Task == TaskKind.Classification && Classes.Length == 2;

    /// <summary>The class the binary task maps to true: the second of the two in ordinal order (for example "pos", "Yes", "good").</summary>
    public string PositiveClass => IsTwoClass ? Classes[1] : throw new InvalidOperationException($"{Name} has {Classes.Length} classes; the binary task needs exactly two.");

    /// <summary>Reads NAME_train.csv and NAME_test.csv in <paramref name="directory"/>.</summary>
    public static SuiteSet Scan(string directory, string name)
    {
        string train = Path.Combine(directory, name + "_train.csv"), test = Path.Combine(directory, name + "_test.csv");
        string[] header = File.ReadLines(train).First().Split(',');
        var numeric = Enumerable.Repeat(true, header.Length).ToArray();
        var targets = new HashSet<string>();
        int trainRows = Scan(train, header.Length, numeric, targets), testRows = Scan(test, header.Length, numeric, targets);
        bool regression = numeric[^1] && targets.Count > 20;
        string[] classes = regression ? [] : [.. targets.Order(StringComparer.Ordinal)];
        return new SuiteSet(name, train, test, header, numeric, regression ? TaskKind.Regression : TaskKind.Classification, trainRows, testRows, classes);
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
