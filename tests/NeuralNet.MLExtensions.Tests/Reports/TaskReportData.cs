using Microsoft.ML;
using NeuralNet.MLExtensions.Reports;
using NeuralNet.MLExtensions.Tests.Tasks;

namespace NeuralNet.MLExtensions.Tests.Reports;

/// <summary>
/// A regression and a binary model trained once on <see cref="TaskData"/> (with validation data, so the history has
/// validation loss and, for regression, RMSE), their reports on 200 test rows, and the scored rows to recompute from.
/// </summary>
internal static class TaskReportData
{
    public sealed class RegressionRow
    {
        public float Target { get; set; }
        public float Score { get; set; }
    }

    public sealed class BinaryRow
    {
        public bool Positive { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    private static readonly Lazy<State> Shared = new(Build);

    public static MLContext Ml => Shared.Value.Ml;
    public static IDataView Test => Shared.Value.Test;
    public static ITransformer RegressionModel => Shared.Value.RegressionModel;
    public static ITransformer BinaryModel => Shared.Value.BinaryModel;
    public static EvaluationReport Regression => Shared.Value.Regression;
    public static EvaluationReport Binary => Shared.Value.Binary;

    public static RegressionRow[] RegressionRows() =>
        Ml.Data.CreateEnumerable<RegressionRow>(RegressionModel.Transform(Test), reuseRowObject: false).ToArray();

    public static BinaryRow[] BinaryRows() =>
        Ml.Data.CreateEnumerable<BinaryRow>(BinaryModel.Transform(Test), reuseRowObject: false).ToArray();

    private sealed record State(MLContext Ml, IDataView Test, ITransformer RegressionModel, ITransformer BinaryModel,
        EvaluationReport Regression, EvaluationReport Binary);

    private static State Build()
    {
        var ml = new MLContext(seed: 0);
        var train = TaskData.Load(ml, TaskData.Rows(600, 3));
        var test = TaskData.Load(ml, TaskData.Rows(200, 4));
        var regressionOptions = new MlpRegressionTrainer.Options
        {
            LabelColumnName = "Target", HiddenLayerSizes = [32], MaximumNumberOfEpochs = 40, LearningRate = 0.01f, ValidationFraction = 0.2f, RefitMaximumRows = 0, Seed = 1,
        };
        var regression = TaskData.Pipeline(ml, ml.Regression.Trainers.Mlp(regressionOptions)).Fit(train);
        // Few epochs, so the binary model is good but not perfect and every threshold's counts differ.
        var binaryOptions = new MlpBinaryTrainer.Options
        {
            LabelColumnName = "Positive", HiddenLayerSizes = [16], MaximumNumberOfEpochs = 8, LearningRate = 0.005f, ValidationFraction = 0.2f, RefitMaximumRows = 0, Seed = 1,
        };
        var binary = TaskData.Pipeline(ml, ml.BinaryClassification.Trainers.Mlp(binaryOptions)).Fit(train);
        return new State(ml, test, regression, binary,
            EvaluationReport.Create(ml, regression, test, "Target", new EvaluationReportOptions { Title = "Regression report", TrainingOptions = regressionOptions }),
            EvaluationReport.Create(ml, binary, test, "Positive", new EvaluationReportOptions { Title = "Binary report", TrainingOptions = binaryOptions }));
    }
}
