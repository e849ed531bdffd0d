using NeuralNet.MLExtensions.Engine;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>One-row scoring through <c>PredictionEngine</c> allocates nothing per call once warmed up.</summary>
[TestClass]
public sealed class PredictionEngineAllocationTests
{
    private sealed class Digit
    {
        [VectorType(64)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Scored
    {
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Predict_ReusedOutput_AllocatesNothingPerCall(bool standardize)
    {
        var ml = new MLContext(seed: 0);
        var trainer = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { HiddenLayerSizes = [32, 16], MaximumNumberOfEpochs = 2, FeatureScaling = standardize ? FeatureScaling.Standard : FeatureScaling.None });
        var model = MlNetData.Pipeline(ml, trainer).Fit(MlNetData.Load(ml, "digits_train.csv"));
        var rows = ml.Data.CreateEnumerable<Digit>(MlNetData.Load(ml, "digits_test.csv"), reuseRowObject: false).Take(100).ToArray();
        var engine = ml.Model.CreatePredictionEngine<Digit, Scored>(model);
        var output = new Scored();
        for (int warm = 0; warm < 3; warm++)
            foreach (var row in rows) engine.Predict(row, ref output);

        const int calls = 10_000;
        int next = 0;
        var (least, rounds) = Allocations.LeastPerRound(() => engine.Predict(rows[next++ % rows.Length], ref output), calls);

        Assert.AreEqual(0L, least, $"bytes allocated by {calls:N0} Predict calls with a reused output object (rounds: {rounds})");
        Assert.AreEqual(10, output.Score.Length, "the last call's ten probabilities");
    }
}
