using System.Globalization;
using NeuralNet.Cli.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.Cli.Tasks;

/// <summary>
/// <c>--task auto|multiclass|binary|regression</c>. <c>auto</c> (the default) looks at the label: a numeric label with
/// more than <see cref="MaxClassNumbers"/> distinct values, or with any value that is not a whole number, is a quantity
/// (regression); a label with exactly two values is binary; anything else is multiclass. An explicit task is checked
/// against the label and refused when it cannot apply.
/// </summary>
internal static class TaskChoice
{
    /// <summary>A numeric label with more distinct values than this is taken for a quantity by <c>auto</c>.</summary>
    public const int MaxClassNumbers = 20;

    public static string Name(MlpTask task) => task.ToString().ToLowerInvariant();

    /// <summary>The task asked for, or null for auto.</summary>
    public static MlpTask? Parse(string text) => text.ToLowerInvariant() switch
    {
        "auto" => null,
        "multiclass" => MlpTask.Multiclass,
        "binary" => MlpTask.Binary,
        "regression" => MlpTask.Regression,
        _ => throw new CliException($"--task must be auto, multiclass, binary or regression; got '{text}'."),
    };

    /// <summary>The task to train and one line saying why, or a warning when an explicit task goes against what auto would choose.</summary>
    public static (MlpTask Task, string Why) Choose(CsvScan scan, CsvColumn label, MlpTask? requested)
    {
        var classes = LabelClasses.Count(label, label.IsNumeric);
        string column = $"label column '{label.Name}' of {scan.Path}";
        var (auto, reason) = Detect(label, classes);
        if (requested is null) return (auto, $"Task: {Name(auto)} (--task auto: {reason}).");
        var task = requested.Value;
        if (task == MlpTask.Regression && label.NotNumbers > 0)
        {
            string example = label.Distinct.First(v => CellValue.Classify(v) == CellKind.Text);
            throw new CliException($"--task regression needs a numeric label, but {column} holds {label.NotNumbers} value(s) that are not numbers, such as '{example}'. " +
                "Use --task multiclass or binary (or auto), or fix those values.");
        }
        if (task == MlpTask.Binary && classes.Count != 2)
            throw new CliException($"--task binary needs exactly 2 classes, but {column} has {classes.Count}: {string.Join(", ", Sorted(classes.Keys, label.IsNumeric).Take(10))}{(classes.Count > 10 ? ", …" : "")}. " +
                "Use --task multiclass (or auto), or group the values into two classes.");
        string why = task == auto ? $"Task: {Name(task)} (--task {Name(task)}; auto would choose it too: {reason})."
            : $"Task: {Name(task)} (--task {Name(task)}). warning: --task auto would choose {Name(auto)}: {reason}.";
        return (task, why);
    }

    private static (MlpTask Task, string Reason) Detect(CsvColumn label, IReadOnlyDictionary<string, long> classes)
    {
        if (label.IsNumeric)
        {
            var fraction = classes.Keys.FirstOrDefault(v => CellValue.TryParse(v, out double x) && double.IsFinite(x) && x != Math.Floor(x));
            if (fraction is not null)
                return (MlpTask.Regression, $"the label is numeric and holds values that are not whole numbers, such as {fraction}");
            if (classes.Count > MaxClassNumbers)
                return (MlpTask.Regression, string.Create(CultureInfo.InvariantCulture,
                    $"the label is numeric with {classes.Count} distinct values, more than {MaxClassNumbers}"));
        }
        string kind = label.IsNumeric ? $"whole numbers, at most {MaxClassNumbers} distinct" : "text";
        return classes.Count == 2
            ? (MlpTask.Binary, $"the label has exactly 2 classes ({kind})")
            : (MlpTask.Multiclass, $"the label has {classes.Count} classes ({kind})");
    }

    /// <summary>Class names as the CLI orders them: numbers ascending, text in ordinal order.</summary>
    private static IEnumerable<string> Sorted(IEnumerable<string> classes, bool numeric) => numeric
        ? classes.OrderBy(v => CellValue.TryParse(v, out double x) ? x : double.NaN)
        : classes.OrderBy(v => v, StringComparer.Ordinal);
}
