namespace NeuralNet.MLExtensions;

/// <summary>
/// Names of the annotations ML.NET's scorers attach (ML.NET keeps its own constants internal; these are the strings
/// its evaluators and transforms look for).
/// </summary>
internal static class AnnotationNames
{
    public const string SlotNames = "SlotNames";
    public const string KeyValues = "KeyValues";
    public const string ScoreColumnKind = "ScoreColumnKind";
    public const string ScoreValueKind = "ScoreValueKind";
    public const string ScoreColumnSetId = "ScoreColumnSetId";
    public const string TrainingLabelValues = "TrainingLabelValues";
    public const string MulticlassClassification = "MulticlassClassification";
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";
    public const string BinaryClassification = "BinaryClassification";
    public const string Regression = "Regression";
    public const string Probability = "Probability";
    public const string IsNormalized = "IsNormalized";
}
