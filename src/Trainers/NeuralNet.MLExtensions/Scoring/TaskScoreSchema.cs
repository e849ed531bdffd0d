using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// The columns the binary and regression scorers add, named and annotated as ML.NET's BinaryClassifierScorer and
/// regression scorer do: binary <c>Score</c> (the logit), <c>Probability</c> (σ of it, marked normalised) and
/// <c>PredictedLabel</c> (Boolean, Score &gt; 0), from the row's [logit, probability]; regression <c>Score</c>, the
/// row's one value. Each carries ScoreColumnKind (BinaryClassification or Regression), ScoreValueKind and ScoreColumnSetId.
/// </summary>
internal static class TaskScoreSchema
{
    public static IReadOnlyList<OutputColumn> BinaryColumns() =>
    [
        Scalar(AnnotationNames.Score, 0, Annotations(AnnotationNames.BinaryClassification, AnnotationNames.Score)),
        Scalar(AnnotationNames.Probability, 1, Annotations(AnnotationNames.BinaryClassification, AnnotationNames.Probability, normalized: true)),
        new OutputColumn(AnnotationNames.PredictedLabel, BooleanDataViewType.Instance, Annotations(AnnotationNames.BinaryClassification, AnnotationNames.PredictedLabel),
            values => (ValueGetter<bool>)((ref bool destination) => destination = values.Current()[0] > 0f)),
    ];

    public static IReadOnlyList<OutputColumn> RegressionColumns() =>
        [Scalar(AnnotationNames.Score, 0, Annotations(AnnotationNames.Regression, AnnotationNames.Score))];

    public static IEnumerable<SchemaShape.Column> BinaryShape()
    {
        yield return Shape(AnnotationNames.Score, NumberDataViewType.Single, normalized: false);
        yield return Shape(AnnotationNames.Probability, NumberDataViewType.Single, normalized: true);
        yield return Shape(AnnotationNames.PredictedLabel, BooleanDataViewType.Instance, normalized: false);
    }

    public static IEnumerable<SchemaShape.Column> RegressionShape()
    {
        yield return Shape(AnnotationNames.Score, NumberDataViewType.Single, normalized: false);
    }

    // A Single column holding value `index` of the row's computed floats.
    private static OutputColumn Scalar(string name, int index, DataViewSchema.Annotations annotations) =>
        new(name, NumberDataViewType.Single, annotations, values => (ValueGetter<float>)((ref float destination) => destination = values.Current()[index]));

    private static DataViewSchema.Annotations Annotations(string columnKind, string valueKind, bool normalized = false)
    {
        var builder = new DataViewSchema.Annotations.Builder();
        ScoreSchema.AddCommon(builder, valueKind, columnKind);
        if (normalized) builder.Add(AnnotationNames.IsNormalized, BooleanDataViewType.Instance, (ref bool v) => v = true);
        return builder.ToAnnotations();
    }

    private static SchemaShape.Column Shape(string name, PrimitiveDataViewType type, bool normalized)
    {
        var annotations = new List<SchemaShape.Column>
        {
            MlNetInternals.CreateColumn(AnnotationNames.ScoreColumnKind, SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false),
            MlNetInternals.CreateColumn(AnnotationNames.ScoreValueKind, SchemaShape.Column.VectorKind.Scalar, TextDataViewType.Instance, false),
            MlNetInternals.CreateColumn(AnnotationNames.ScoreColumnSetId, SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.UInt32, true),
        };
        if (normalized) annotations.Add(MlNetInternals.CreateColumn(AnnotationNames.IsNormalized, SchemaShape.Column.VectorKind.Scalar, BooleanDataViewType.Instance, false));
        return MlNetInternals.CreateColumn(name, SchemaShape.Column.VectorKind.Scalar, type, false, new SchemaShape(annotations));
    }
}
