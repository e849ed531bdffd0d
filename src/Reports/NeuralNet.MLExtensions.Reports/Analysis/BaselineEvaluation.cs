using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>
/// Scores the test data with <see cref="EvaluationReportOptions.Baseline"/> and evaluates it with ML.NET's evaluator of
/// the MLP's task, after checking that the baseline's output columns fit that task.
/// </summary>
internal static class BaselineEvaluation
{
    private const string Option = "EvaluationReportOptions.Baseline";

    public static BaselineResult Evaluate(MLContext ml, MlpTask task, ITransformer baseline, IDataView testData, string label, EvaluationReportOptions options)
    {
        var scored = baseline.Transform(testData);
        string name = options.BaselineName;
        switch (task)
        {
            case MlpTask.Binary:
                CheckBinary(scored.Schema);
                var (positive, probability) = ScoredRows.Binary(scored, label);
                var b = ml.BinaryClassification.Evaluate(scored, label, MetricsReader.ScoreColumn, ScoredRows.ProbabilityColumn, MetricsReader.PredictedLabelColumn);
                return new BaselineResult(name, null, Binary: BinaryAnalysis.Summarize(b, positive, probability, options.BinaryThreshold));
            case MlpTask.Regression:
                const string Fix = "Give a regression model as the baseline, e.g. mlContext.Regression.Trainers.Sdca or LightGbm on the same features.";
                CheckSingle(scored.Schema, MetricsReader.ScoreColumn, "a regression model", Fix);
                if (scored.Schema.GetColumnOrNull(MetricsReader.PredictedLabelColumn) is not null)
                    throw new ArgumentException($"{Option} outputs a '{MetricsReader.PredictedLabelColumn}' column, so it is a classifier; the model is a regression model, which needs a regression baseline. {Fix}", "options");
                var (actual, _) = ScoredRows.Regression(scored, label);
                var r = ml.Regression.Evaluate(scored, label, MetricsReader.ScoreColumn);
                return new BaselineResult(name, null, Regression: new RegressionSummary(r.RootMeanSquaredError, r.MeanAbsoluteError, r.RSquared, r.MeanSquaredError, actual.Length));
            default:
                return new BaselineResult(name, MetricsReader.Summarize(MetricsReader.Evaluate(ml, scored, label, options.TopKPredictionCount)));
        }
    }

    private static void CheckBinary(DataViewSchema schema)
    {
        const string Fix = "Give a binary classifier as the baseline, e.g. mlContext.BinaryClassification.Trainers.LbfgsLogisticRegression or LightGbm on the same features.";
        CheckSingle(schema, MetricsReader.ScoreColumn, "a binary model", Fix);
        if (schema.GetColumnOrNull(ScoredRows.ProbabilityColumn) is not { } probability)
            throw new ArgumentException($"{Option} must output a '{ScoredRows.ProbabilityColumn}' column for a binary model (the report evaluates it with BinaryClassification.Evaluate, which needs one); the baseline's output has none, as a non-calibrated trainer's (e.g. SdcaNonCalibrated, LinearSvm, AveragedPerceptron) has not. Use a calibrated trainer (e.g. LbfgsLogisticRegression, SdcaLogisticRegression, LightGbm, FastTree), append mlContext.BinaryClassification.Calibrators.Platt() to the baseline, or evaluate it yourself with mlContext.BinaryClassification.EvaluateNonCalibrated.", "options");
        if (probability.Type != NumberDataViewType.Single)
            throw new ArgumentException($"{Option}'s '{ScoredRows.ProbabilityColumn}' column must be Single for a binary model; got {probability.Type}. {Fix}", "options");
        if (schema.GetColumnOrNull(MetricsReader.PredictedLabelColumn) is not { } predicted || predicted.Type != BooleanDataViewType.Instance)
            throw new ArgumentException($"{Option} must output a Boolean '{MetricsReader.PredictedLabelColumn}' column for a binary model; got {(schema.GetColumnOrNull(MetricsReader.PredictedLabelColumn)?.Type.ToString() ?? "none")}. {Fix}", "options");
    }

    private static void CheckSingle(DataViewSchema schema, string column, string task, string fix)
    {
        var score = schema.GetColumnOrNull(column);
        if (score?.Type != NumberDataViewType.Single)
            throw new ArgumentException($"{Option} must output a Single '{column}' column for {task}; got {(score is null ? "none" : score.Value.Type.ToString())}{(score?.Type is VectorDataViewType ? " (a multiclass model's scores)" : "")}. {fix}", "options");
    }
}
