using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>
/// What the model predicts: the MLP's own task when the pipeline has one, otherwise the scored schema's ScoreColumnKind
/// annotation (as ML.NET's scorers set it), otherwise the Score column's shape (a vector: multiclass; a number with a
/// Probability column beside it: binary; a number alone: regression).
/// </summary>
internal static class TaskDetector
{
    /// <summary>The annotation ML.NET's scorers put on Score (ML.NET keeps its constant internal).</summary>
    private const string ScoreColumnKind = "ScoreColumnKind";

    public static MlpTask Detect(MlpModelParameters? mlp, DataViewSchema scored)
    {
        if (mlp is not null) return mlp.Task;
        var score = scored.GetColumnOrNull(MetricsReader.ScoreColumn)
            ?? throw new ArgumentException($"Could not find Score column '{MetricsReader.ScoreColumn}' in the scored data: the model must end in a trainer's scorer.");
        if (score.Annotations.Schema.GetColumnOrNull(ScoreColumnKind) is not null)
        {
            ReadOnlyMemory<char> kind = default;
            score.Annotations.GetValue(ScoreColumnKind, ref kind);
            switch (kind.ToString())
            {
                case "MulticlassClassification": return MlpTask.Multiclass;
                case "BinaryClassification": return MlpTask.Binary;
                case "Regression": return MlpTask.Regression;
            }
        }
        if (score.Type is VectorDataViewType) return MlpTask.Multiclass;
        return scored.GetColumnOrNull(ScoredRows.ProbabilityColumn) is null ? MlpTask.Regression : MlpTask.Binary;
    }
}
