using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Scoring;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// A network whose first layer is large enough to be split over two threads when one row is scored
/// (<see cref="Gemv.Splits"/>: 600 inputs × 256 units): <c>PredictionEngine</c> gives, bit for bit, the scores of
/// <c>Transform</c> and of the engine's one-thread scoring, with and without feature scaling, and allocates nothing per
/// call; so does an ensemble, whose layers are not split. On a one-core machine the engine scores on one thread and the test checks that path.
/// </summary>
[TestClass]
public sealed class PredictionEngineSplitTests
{
    private const int Width = 600;

    private sealed class Row
    {
        [VectorType(Width)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Scored
    {
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    [DataRow(FeatureScaling.None, 1)]
    [DataRow(FeatureScaling.Standard, 1)]
    [DataRow(FeatureScaling.Standard, 4)]   // an ensemble's layers see its members' rows: not split, same scores
    public void Predict_LargeFirstLayer_MatchesTransformAndOneThreadBitForBit(FeatureScaling scaling, int ensembleSize)
    {
        Assert.IsTrue(Gemv.Splits(2, Width, 256), "the first layer must be one that is split");
        var ml = new MLContext(seed: 0);
        var random = new Random(3);
        // Half the inputs zero on average, as in images: the split path skips them too.
        var rows = Enumerable.Range(0, 240).Select(i => new Row
        {
            Features = Enumerable.Range(0, Width).Select(_ => random.NextDouble() < 0.5 ? 0f : (float)random.NextDouble() * 4).ToArray(),
            Label = i % 3,
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
        {
            HiddenLayerSizes = [256, 16], MaximumNumberOfEpochs = 2, FeatureScaling = scaling, EnsembleSize = ensembleSize, ValidationFraction = 0,
        })).Fit(data);
        var parameters = model.LastTransformer.Model;
        var oneThread = new MlpInference(parameters.Network, parameters.Standardizer);
        var engine = ml.Model.CreatePredictionEngine<Row, Scored>(model);
        var transformed = ml.Data.CreateEnumerable<Scored>(model.Transform(data), reuseRowObject: false).ToArray();
        var output = new Scored();
        var alone = new float[3];
        for (int pass = 0; pass < 3; pass++)   // the second core takes its part on some calls, the caller all parts on others
            for (int i = 0; i < rows.Length; i++)
            {
                engine.Predict(rows[i], ref output);
                oneThread.Probabilities(rows[i].Features, 1, alone);
                CollectionAssert.AreEqual(alone, output.Score, $"row {i}, pass {pass}: PredictionEngine ({SingleRowValues.Threads} threads) against one-thread scoring");
                CollectionAssert.AreEqual(transformed[i].Score, output.Score, $"row {i}, pass {pass}: PredictionEngine against Transform");
            }

        // The rows above took the split when there is a second core (an ensemble's layers never do). A second thread
        // the machine was slow to run makes the caller score some rows alone for a while, so over many calls.
        long splits = GemvJob.RunsOnThisThread;
        for (int i = 0; i < 200; i++) engine.Predict(rows[i % rows.Length], ref output);
        long split = GemvJob.RunsOnThisThread - splits;
        if (SingleRowValues.Threads > 1 && ensembleSize == 1) Assert.IsGreaterThan(0L, split, "split products in 200 Predict calls");
        else Assert.AreEqual(0L, split, "split products in 200 Predict calls");
        Assert.IsLessThanOrEqualTo(200L, split, "at most one split product per call (one large layer)");

        const int calls = 5_000;
        int next = 0;
        var (least, rounds) = Allocations.LeastPerRound(() => engine.Predict(rows[next++ % rows.Length], ref output), calls);
        Assert.AreEqual(0L, least, $"bytes allocated by {calls:N0} Predict calls with a reused output object (rounds: {rounds})");
    }
}
