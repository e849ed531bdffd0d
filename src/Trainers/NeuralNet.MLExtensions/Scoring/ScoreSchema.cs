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

    /// <summary>The input schema followed by Score and PredictedLabel.</summary>
    public static DataViewSchema Append(DataViewSchema input, ClassLabels classes)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        builder.AddColumn(AnnotationNames.Score, new VectorDataViewType(NumberDataViewType.Single, classes.Count), ScoreAnnotations(classes));
        builder.AddColumn(AnnotationNames.PredictedLabel, new KeyDataViewType(typeof(uint), classes.Count), PredictedLabelAnnotations(classes));
        return builder.ToSchema();
    }

    /// <summary>The shape of the two columns, for <c>GetOutputSchema(SchemaShape)</c>.</summary>
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

    private static void AddCommon(DataViewSchema.Annotations.Builder builder, string valueKind)
    {
        builder.Add(AnnotationNames.ScoreColumnKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = AnnotationNames.MulticlassClassification.AsMemory());
        builder.Add(AnnotationNames.ScoreValueKind, TextDataViewType.Instance, (ref ReadOnlyMemory<char> v) => v = valueKind.AsMemory());
        builder.Add(AnnotationNames.ScoreColumnSetId, ScoreSetIdType, (ref uint v) => v = 1u);
    }
}
