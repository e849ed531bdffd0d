using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Reports;

/// <summary>
/// Rows where only the third feature (slot 2, "Feature 2") carries the signal: a regression target 10·x₂ + small noise,
/// a Boolean label x₂ &gt; 0 and a three-way class by x₂; x₀, x₁ and x₃ are noise. The MLPs (one network, few epochs)
/// and the baselines are trained once and shared.
/// </summary>
internal static class OneSignalData
{
    public const string InformativeFeature = "Feature 2";

    public sealed class Row
    {
        [VectorType(4)] public float[] Raw { get; set; } = [];
        public float Target { get; set; }
        public bool Positive { get; set; }
        public string Kind { get; set; } = "";
    }

    public static Row[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            return new Row
            {
                Raw = x,
                Target = (float)(10 * x[2] + random.NextDouble() - 0.5),
                Positive = x[2] > 0,
                Kind = x[2] < -0.7 ? "low" : x[2] > 0.7 ? "high" : "middle",
            };
        }).ToArray();
    }

    private static readonly Lazy<State> Shared = new(Build);

    public static MLContext Ml => Shared.Value.Ml;
    public static IDataView Test => Shared.Value.Test;
    public static ITransformer BinaryMlp => Shared.Value.BinaryMlp;
    public static ITransformer RegressionMlp => Shared.Value.RegressionMlp;
    public static ITransformer BinaryBaseline => Shared.Value.BinaryBaseline;
    public static ITransformer RegressionBaseline => Shared.Value.RegressionBaseline;

    private sealed record State(MLContext Ml, IDataView Test, ITransformer BinaryMlp, ITransformer RegressionMlp,
        ITransformer BinaryBaseline, ITransformer RegressionBaseline);

    /// <summary>Raw → Features, then the trainer.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, IEstimator<ITransformer> trainer) =>
        ml.Transforms.CopyColumns("Features", "Raw").Append(trainer);

    private static State Build()
    {
        var ml = new MLContext(seed: 0);
        var train = ml.Data.LoadFromEnumerable(Rows(400, 11));
        var test = ml.Data.LoadFromEnumerable(Rows(200, 12));
        var binary = Pipeline(ml, ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options
        {
            LabelColumnName = "Positive", HiddenLayerSizes = [16], MaximumNumberOfEpochs = 15, LearningRate = 0.01f, EnsembleSize = 1, Seed = 1,
        })).Fit(train);
        var regression = Pipeline(ml, ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options
        {
            LabelColumnName = "Target", HiddenLayerSizes = [16], MaximumNumberOfEpochs = 15, LearningRate = 0.01f, EnsembleSize = 1, Seed = 1,
        })).Fit(train);
        var binaryBaseline = Pipeline(ml, ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: "Positive")).Fit(train);
        var regressionBaseline = Pipeline(ml, ml.Regression.Trainers.Sdca(labelColumnName: "Target", maximumNumberOfIterations: 20)).Fit(train);
        return new State(ml, test, binary, regression, binaryBaseline, regressionBaseline);
    }
}
