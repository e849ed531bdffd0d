using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.Cli.Commands;
using NeuralNet.Cli.Data;

namespace NeuralNet.Cli.Tasks;

/// <summary>
/// A two-class label as the Boolean the binary trainer takes. The class that becomes <c>true</c> (the positive class,
/// whose probability is reported) is <c>--positive-class</c> when given; for numbers, the larger (1 of 0 and 1); for
/// text, the one that reads true or yes (any case) when exactly one does, otherwise the second in ordinal order. The saved model maps its Boolean prediction back to the class names, negative first, so
/// <c>evaluate</c> and <c>predict</c> know them.
/// </summary>
internal static class BinaryClasses
{
    /// <summary>The key over the two class names the saved model appends (its key values: negative, positive).</summary>
    public const string PredictedClassColumn = "__PredictedClass";

    private const string LabelTextColumn = "__LabelClass";
    private static readonly string[] PositiveWords = ["true", "yes"];

    /// <summary>The two classes, negative first, and why the second is the positive one.</summary>
    public static (string[] Classes, string Why) Order(IReadOnlyList<string> classes, string? positive, bool numeric)
    {
        if (positive is not null)
        {
            string wanted = numeric ? CellValue.CanonicalNumber(positive) : positive;
            int index = classes.Select(c => numeric ? CellValue.CanonicalNumber(c) : c).ToList().IndexOf(wanted);
            if (index < 0)
                throw new CliException($"--positive-class must be one of the label's two classes ({string.Join(", ", classes)}); got '{positive}'.");
            return ([classes[1 - index], classes[index]], "--positive-class");
        }
        // The classes come sorted: numbers ascending, text in ordinal order.
        if (numeric) return ([classes[0], classes[1]], "the larger number; --positive-class to change");
        var words = classes.Where(c => PositiveWords.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (words.Length == 1) return ([classes.Single(c => c != words[0]), words[0]], $"it reads '{words[0]}'; --positive-class to change");
        return ([classes[0], classes[1]], "the second in ordinal order; --positive-class to change");
    }

    /// <summary>
    /// The data with <see cref="LabelClasses.KeyColumn"/> a Boolean (the positive class true); rows whose label is
    /// missing or neither class are dropped (count them first with <see cref="LabelClasses.CountLabelled"/>).
    /// </summary>
    public static IDataView ToBoolean(MLContext ml, ITransformer keyMapping, IReadOnlyList<string> classes, bool numeric, IDataView data)
    {
        var keyed = ml.Data.FilterRowsByMissingValues(keyMapping.Transform(data), LabelClasses.KeyColumn);
        var names = classes.Select(c => numeric ? CellValue.CanonicalNumber(c) : c).ToArray();
        var pairs = new[] { new KeyValuePair<string, bool>(names[0], false), new KeyValuePair<string, bool>(names[1], true) };
        return ml.Transforms.Conversion.MapKeyToValue(LabelTextColumn, LabelClasses.KeyColumn)
            .Append(ml.Transforms.Conversion.MapValue(LabelClasses.KeyColumn, pairs, LabelTextColumn))
            .Fit(keyed).Transform(keyed);
    }

    /// <summary>
    /// <paramref name="pipeline"/> followed by the steps the saved model ends with: the Boolean prediction as a key over
    /// the class names (negative first, so its key values tell <see cref="FromModel"/> the classes) and as text in PredictedValue.
    /// </summary>
    public static IEstimator<ITransformer> AppendPredictedClass<T>(MLContext ml, EstimatorChain<T> pipeline, IReadOnlyList<string> classes)
        where T : class, ITransformer =>
        pipeline.Append(ml.Transforms.Conversion.MapValue(PredictedClassColumn,
                new[] { new KeyValuePair<bool, string>(false, classes[0]), new KeyValuePair<bool, string>(true, classes[1]) },
                "PredictedLabel", treatValuesAsKeyType: true))
            .Append(ml.Transforms.Conversion.MapKeyToValue(TrainCommand.PredictedValueColumn, PredictedClassColumn));

    /// <summary>A saved binary model's classes, negative first.</summary>
    public static string[] FromModel(ITransformer model, DataViewSchema input)
    {
        var column = model.GetOutputSchema(input)[PredictedClassColumn];
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetKeyValues(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
