using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// The two columns a multiclass scorer adds, with the annotations ML.NET's own scorer gives them: <c>Score</c>
/// (K probabilities, slot names = class names) and <c>PredictedLabel</c> (a key over the K classes whose key values
/// are the label's original values).
/// </summary>
internal static class ScoreSchema
{
    private static readonly KeyDataViewType ScoreSetIdType = new(typeof(uint), int.MaxValue);

    /// <summary>The columns the model's task appends (binary and regression: <see cref="TaskScoreSchema"/>).</summary>
    public static IReadOnlyList<OutputColumn> Columns(MlpModelParameters model) => model.Task switch
    {
        Engine.MlpTask.Binary => TaskScoreSchema.BinaryColumns(),
        Engine.MlpTask.Regression => TaskScoreSchema.RegressionColumns(),
        _ => Columns(model.Classes),
    };

    /// <summary>Score (the row's K probabilities) and PredictedLabel (1 + the index of the largest; 0 when any is NaN).</summary>
    public static IReadOnlyList<OutputColumn> Columns(ClassLabels classes) =>
    [
        OutputColumn.Vector(AnnotationNames.Score, classes.Count, ScoreAnnotations(classes)),
        new OutputColumn(AnnotationNames.PredictedLabel, new KeyDataViewType(typeof(uint), classes.Count), PredictedLabelAnnotations(classes),
            values => (ValueGetter<uint>)((ref uint destination) => destination = ArgMax(values.Current()))),
    ];

    /// <summary>1-based index of the largest probability (first on ties); 0 (missing) when any is NaN.</summary>
    internal static uint ArgMax(ReadOnlySpan<float> p)
    {
        int best = 0;
        for (int c = 0; c < p.Length; c++)
        {
            if (float.IsNaN(p[c])) return 0;
            if (p[c] > p[best]) best = c;
        }
        return (uint)best + 1;
    }

    /// <summary>The shape of the task's columns, for <c>GetOutputSchema(SchemaShape)</c>.</summary>
    public static IEnumerable<SchemaShape.Column> Shape(Engine.MlpTask task, DataViewType? keyValueItemType) => task switch
    {
        Engine.MlpTask.Binary => TaskScoreSchema.BinaryShape(),
        Engine.MlpTask.Regression => TaskScoreSchema.RegressionShape(),
        _ => Shape(keyValueItemType),
    };

    /// <summary>The shape of the two multiclass columns.</summary>
    public static IEnumerable<SchemaShape.Column> Shape(DataViewType? keyValueItemType)
    {
        var common = new List<SchemaShape.Column>
        {
            MlNetInternals.CreateColumn(AnnotationNames.ScoreColumnKind, SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false),
            MlNetInternals.CreateColumn(AnnotationNames.ScoreValueKind, SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false),
            MlNetInternals.CreateColumn(AnnotationNames.ScoreColumnSetId, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true),
        };
        var score = new List<SchemaShape.Column>(common)
        {
            MlNetInternals.CreateColumn(AnnotationNames.SlotNames, SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false),
        };
        var predicted = new List<SchemaShape.Column>(common);
        if (keyValueItemType is not null)
        {
            score.Add(MlNetInternals.CreateColumn(AnnotationNames.TrainingLabelValues, SchemaShape.Column.VectorKind.Vector, keyValueItemType, false));
            predicted.Add(MlNetInternals.CreateColumn(AnnotationNames.KeyValues, SchemaShape.Column.VectorKind.Vector, keyValueItemType, false));
        }
        yield return MlNetInternals.CreateColumn(AnnotationNames.Score, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, new SchemaShape(score));
        yield return MlNetInternals.CreateColumn(AnnotationNames.PredictedLabel, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true, new SchemaShape(predicted));
    }

    private static DataViewSchema.Annotations ScoreAnnotations(ClassLabels classes)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        AddCommon(builder, AnnotationNames.Score);
        var names = classes.Names.Select(n => n.AsMemory()).ToArray();
        builder.Add(AnnotationNames.SlotNames, new VectorDataViewType(TextDataViewType.Instance, names.Length),
            (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(names.Length, names).CopyTo(ref dst));
        classes.AddKeyValues(builder, AnnotationNames.TrainingLabelValues);
        return builder.ToAnnotations();
    }

    private static DataViewSchema.Annotations PredictedLabelAnnotations(ClassLabels classes)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        AddCommon(builder, AnnotationNames.PredictedLabel);
        classes.AddKeyValues(builder, AnnotationNames.KeyValues);
        return builder.ToAnnotations();
    }

    /// <summary>The annotations every score column carries: the scorer's kind, the column's value kind, the column set id.</summary>
    internal static void AddCommon(DataViewSchema.Annotations.Builder builder, string valueKind, string columnKind = AnnotationNames.MulticlassClassification)
    {
        builder.Add(AnnotationNames.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = columnKind.AsMemory());
        builder.Add(AnnotationNames.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = valueKind.AsMemory());
        builder.Add(AnnotationNames.ScoreColumnSetId, ScoreSetIdType, (ref uint v) => v = 1u);
    }
}
