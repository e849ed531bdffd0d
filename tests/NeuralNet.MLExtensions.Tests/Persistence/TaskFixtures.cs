using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// The regression and binary models of the format-4 fixtures (written by the FixtureWriter tool, read by
/// <see cref="FormatFixtureTests"/>): trained on iris_train.csv's four features, the regression target the class index
/// (0, 1, 2) as a number, the binary label "class 2". Seeded, so the same code trains the same models.
/// </summary>
internal static class TaskFixtures
{
    private sealed class Row
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Target { get; set; }
        public bool Positive { get; set; }
    }

    public static MlpModelParameters Train(MlpTask task)
    {
        var ml = new MLContext(seed: 0);
        var iris = TabularData.Load("iris_train.csv");
        var rows = Enumerable.Range(0, iris.Rows).Select(r => new Row
        {
            Features = iris.Features.AsSpan(r * iris.FeatureCount, iris.FeatureCount).ToArray(),
            Target = iris.Labels[r],
            Positive = iris.Labels[r] == 2,
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        return task == MlpTask.Regression
            ? new MlpRegressionTrainer(ml, new MlpRegressionTrainer.Options { LabelColumnName = "Target", HiddenLayerSizes = [8], MaximumNumberOfEpochs = 20, Seed = 7 }).Fit(data).Model
            : new MlpBinaryTrainer(ml, new MlpBinaryTrainer.Options { LabelColumnName = "Positive", HiddenLayerSizes = [8], MaximumNumberOfEpochs = 20, Seed = 7 }).Fit(data).Model;
    }

    /// <summary>The model's outputs on iris_test.csv: predictions in the target's units (regression) or logits (binary).</summary>
    public static float[] Outputs(MlpModelParameters model)
    {
        var test = TabularData.Load("iris_test.csv");
        var outputs = new float[test.Rows];
        new MlpInference(model.Network, model.Standardizer, model.TargetStandardizer, numberOfThreads: 1).Outputs(test.Features, test.Rows, outputs);
        return outputs;
    }

    /// <summary>The fixture file names of a task's model and its expected outputs.</summary>
    public static (string Model, string Expected) Files(MlpTask task) =>
        ($"iris-{task.ToString().ToLowerInvariant()}.mlp", $"expected-{task.ToString().ToLowerInvariant()}.txt");
}
