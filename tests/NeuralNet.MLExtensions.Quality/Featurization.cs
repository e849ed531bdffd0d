using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// Turns a raw CSV set into "Features" and "Label" the way an ML.NET user would: numeric columns read as Single with
/// empty cells as NaN and then imputed with the training mean (<c>ReplaceMissingValues</c>), text columns one-hot
/// encoded (<c>OneHotEncoding</c>; a value not seen in training encodes as all zeros), everything concatenated;
/// classification targets mapped to keys with <c>MapValueToKey</c> (binary: to Boolean with <c>MapValue</c>, the
/// set's positive class true), regression targets read as Single. The
/// featurisation is fitted on the training file alone, and both featurised sets are cached in memory, so the trainers'
/// Fit time is the trainer's alone.
/// </summary>
internal static class Featurization
{
    public static (IDataView Train, IDataView Test, int FeatureCount) Load(MLContext ml, SuiteSet set) => Load(ml, set, set.Task);

    /// <summary>As <see cref="Load(MLContext, SuiteSet)"/>, for <paramref name="task"/> (Binary on a two-class set).</summary>
    public static (IDataView Train, IDataView Test, int FeatureCount) Load(MLContext ml, SuiteSet set, TaskKind task)
    {
        int d = set.FeatureColumns;
        var columns = new TextLoader.Column[d + 1];
        for (int c = 0; c < d; c++)
            columns[c] = new TextLoader.Column(ColumnName(c), set.IsNumeric[c] ? DataKind.Single : DataKind.String, c);
        bool regression = task == TaskKind.Regression;
        columns[d] = new TextLoader.Column(regression ? "Label" : "Target", regression ? DataKind.Single : DataKind.String, d);
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = columns,
            HasHeader = true,
            Separators = [','],
            MissingRealsAsNaNs = true,
        });

        var numeric = Enumerable.Range(0, d).Where(c => set.IsNumeric[c]).Select(c => new InputOutputColumnPair(ColumnName(c))).ToArray();
        var text = Enumerable.Range(0, d).Where(c => !set.IsNumeric[c]).Select(c => new InputOutputColumnPair(ColumnName(c))).ToArray();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        if (numeric.Length > 0)
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(numeric, MissingValueReplacingEstimator.ReplacementMode.Mean));
        if (text.Length > 0)
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(text));
        pipeline = pipeline.Append(ml.Transforms.Concatenate("Features", Enumerable.Range(0, d).Select(ColumnName).ToArray()));
        if (task == TaskKind.Classification) pipeline = pipeline.Append(ml.Transforms.Conversion.MapValueToKey("Label", "Target"));
        if (task == TaskKind.Binary)
            pipeline = pipeline.Append(ml.Transforms.Conversion.MapValue("Label", new Dictionary<string, bool> { [set.Classes[0]] = false, [set.PositiveClass] = true }, "Target"));

        IDataView rawTrain = loader.Load(set.TrainPath), rawTest = loader.Load(set.TestPath);
        var featurizer = pipeline.Fit(rawTrain);
        IDataView train = Cached(ml, featurizer.Transform(rawTrain)), test = Cached(ml, featurizer.Transform(rawTest));
        int width = ((VectorDataViewType)train.Schema["Features"].Type).Size;
        return (train, test, width);
    }

    /// <summary>Caches <paramref name="data"/>'s Features and Label and reads it once, so later passes cost nothing.</summary>
    public static IDataView Cached(MLContext ml, IDataView data)
    {
        var cached = ml.Data.Cache(data, "Features", "Label");
        using var cursor = cached.GetRowCursor(cached.Schema);
        while (cursor.MoveNext()) { }
        return cached;
    }

    private static string ColumnName(int c) => "F" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
