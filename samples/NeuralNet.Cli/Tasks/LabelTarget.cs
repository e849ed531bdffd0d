using System.Globalization;
using Microsoft.ML;
using NeuralNet.Cli.Commands;
using NeuralNet.Cli.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.Cli.Tasks;

/// <summary>
/// The label as the task's trainer and evaluator read it, in <see cref="LabelClasses.KeyColumn"/>: a key over the
/// classes (multiclass), a Boolean (binary, <see cref="BinaryClasses"/>) or a Single (regression,
/// <see cref="RegressionTarget"/>). Rows without a usable label are counted: multiclass keeps them with the missing
/// key (training skips them, ML.NET's evaluator leaves them out); binary and regression drop them.
/// </summary>
internal sealed class LabelTarget
{
    private readonly MLContext _ml;
    private readonly string _label;
    private readonly bool _numeric;
    private readonly string? _positiveWhy;
    private ITransformer? _keyMapping;

    private LabelTarget(MLContext ml, MlpTask task, string label, string[] classes, bool numeric, string? positiveWhy)
    {
        (_ml, Task, _label, Classes, _numeric, _positiveWhy) = (ml, task, label, classes, numeric, positiveWhy);
    }

    public MlpTask Task { get; }

    /// <summary>The classes in key order (binary: negative, positive); empty for regression.</summary>
    public string[] Classes { get; }

    public static LabelTarget ForTraining(MLContext ml, MlpTask task, CsvScan scan, CsvColumn label, string? positiveClass)
    {
        if (task == MlpTask.Regression)
        {
            if (label.Missing + label.NonFinite + label.NotNumbers == scan.Rows)
                throw new CliException($"Label column '{label.Name}' of {scan.Path} has no usable numbers: all {scan.Rows} rows have an empty, ? or NA, infinite or text label, so there are no rows to train on.");
            return new LabelTarget(ml, task, label.Name, [], numeric: true, null);
        }
        var classes = LabelClasses.FromScan(scan, label);
        if (task == MlpTask.Multiclass) return new LabelTarget(ml, task, label.Name, classes, label.IsNumeric, null);
        var (ordered, why) = BinaryClasses.Order(classes, positiveClass, label.IsNumeric);
        return new LabelTarget(ml, task, label.Name, ordered, label.IsNumeric, why);
    }

    /// <summary>The label of a saved model's task, its classes read from the model.</summary>
    public static LabelTarget ForModel(MLContext ml, MlpTask task, string label, ITransformer model, DataViewSchema input)
    {
        string[] classes = task switch
        {
            MlpTask.Regression => [],
            MlpTask.Binary => BinaryClasses.FromModel(model, input),
            _ => LabelClasses.FromModel(model, input),
        };
        return new LabelTarget(ml, task, label, classes, LabelClasses.AreNumbers(classes), null);
    }

    /// <summary>What the training file's label is, a line each.</summary>
    public IEnumerable<string> Describe(CsvScan scan, CsvColumn label)
    {
        if (Task == MlpTask.Regression)
        {
            var values = label.Distinct.Select(v => CellValue.TryParse(v, out double x) ? x : double.NaN).Where(double.IsFinite).ToArray();
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Label '{label.Name}' (numbers, predicted as a quantity): {values.Length} distinct values from {values.Min():G6} to {values.Max():G6}.");
            if (RegressionTarget.DescribeUnusable(scan, label) is { } unusable) yield return unusable;
            yield break;
        }
        yield return $"Label '{label.Name}' ({(label.IsNumeric ? "numbers, compared as numbers: 1 and 1.0 are one class" : "text")}): " +
            $"{Classes.Length} classes: {string.Join(", ", Classes.Take(20))}{(Classes.Length > 20 ? ", …" : "")}.";
        if (Task == MlpTask.Binary) yield return $"Positive class (true): '{Classes[1]}' ({_positiveWhy}); negative class (false): '{Classes[0]}'.";
        if (label.Missing > 0) yield return $"{label.Missing} row(s) of {scan.Path} have no label (empty, ? or NA) and are skipped.";
    }

    /// <summary>Fits the label → key mapping (classification) on <paramref name="data"/>'s schema.</summary>
    public void Fit(IDataView data)
    {
        if (Task != MlpTask.Regression) _keyMapping = LabelClasses.Mapping(_ml, _label, Classes, _numeric, data);
    }

    /// <summary><paramref name="data"/> with the task's label column, and the number of rows with a usable label.</summary>
    public (IDataView Data, long Rows) Apply(IDataView data)
    {
        switch (Task)
        {
            case MlpTask.Regression:
                var target = RegressionTarget.Target(_ml, _label, data);
                return (target, RegressionTarget.Count(target));
            case MlpTask.Binary:
                return (BinaryClasses.ToBoolean(_ml, KeyMapping, Classes, _numeric, data), LabelClasses.CountLabelled(KeyMapping.Transform(data)));
            default:
                var mapped = KeyMapping.Transform(data);
                return (mapped, LabelClasses.CountLabelled(mapped));
        }
    }

    /// <summary>How the rows of a labelled file were used.</summary>
    public RowAccount Account(CsvScan scan, CsvColumn label, IReadOnlySet<string> numericColumns, long used) => Task == MlpTask.Regression
        ? new RowAccount(scan.Path, scan.Rows, used, scan.Rows - used, [], NumericCleaning.ChangedLines(scan, numericColumns).Length)
        : RowAccount.Of(scan, label, Classes, _numeric, numericColumns, used);

    /// <summary>The account's lines: regression names why labels were unusable; the classifiers as before.</summary>
    public IEnumerable<string> DescribeAccount(RowAccount account, CsvScan scan, CsvColumn label, double? accuracy) => Task switch
    {
        MlpTask.Regression => RegressionTarget.DescribeUnusable(scan, label) is { } line ? [line] : [],
        MlpTask.Binary => account.Describe(accuracy ?? double.NaN, "accuracy"),
        _ => account.Describe(accuracy ?? double.NaN),
    };

    private ITransformer KeyMapping => _keyMapping ?? throw new InvalidOperationException("Fit the label mapping first.");
}
