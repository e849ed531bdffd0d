using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>Seeds, example weights, the model's read-only surface and its summary.</summary>
[TestClass]
public sealed class MlpTrainerBehaviourTests
{
    private static MlpModelParameters Train(MLContext ml, MlpTrainer trainer, string file = "iris_train.csv") =>
        MlNetData.Mlp(MlNetData.Pipeline(ml, trainer).Fit(MlNetData.Load(ml, file)));

    private static MlpTrainer.Options Quick(int? seed = null) => new() { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 5, Seed = seed };

    [TestMethod]
    public void MlpTrainer_Seed_FromMLContextWhenNotGiven()
    {
        var a = Train(new MLContext(seed: 5), new MLContext(seed: 5).MulticlassClassification.Trainers.Mlp(Quick()));
        var b = Train(new MLContext(seed: 5), new MLContext(seed: 5).MulticlassClassification.Trainers.Mlp(Quick()));
        var c = Train(new MLContext(seed: 6), new MLContext(seed: 6).MulticlassClassification.Trainers.Mlp(Quick()));
        CollectionAssert.AreEqual(a.Network.Parameters.ToArray(), b.Network.Parameters.ToArray(), "same MLContext seed, same model");
        CollectionAssert.AreNotEqual(a.Network.Parameters.ToArray(), c.Network.Parameters.ToArray(), "another MLContext seed, another model");
    }

    [TestMethod]
    public void MlpTrainer_Seed_OptionWinsOverMLContext()
    {
        var ml5 = new MLContext(seed: 5);
        var ml6 = new MLContext(seed: 6);
        var a = Train(ml5, ml5.MulticlassClassification.Trainers.Mlp(Quick(seed: 42)));
        var b = Train(ml6, ml6.MulticlassClassification.Trainers.Mlp(Quick(seed: 42)));
        Assert.AreEqual(42, ml5.MulticlassClassification.Trainers.Mlp(Quick(seed: 42)).Seed);
        CollectionAssert.AreEqual(a.Network.Parameters.ToArray(), b.Network.Parameters.ToArray());
    }

    private sealed class WeightedRow
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public float Weight { get; set; }
    }

    private static IDataView Weighted(MLContext ml, Func<int, float> weightOfClass)
    {
        var t = TabularData.Load("iris_train.csv");
        var rows = Enumerable.Range(0, t.Rows).Select(r => new WeightedRow
        {
            Features = t.Features.AsSpan(r * 4, 4).ToArray(),
            Label = t.Labels[r],
            Weight = weightOfClass(t.Labels[r]),
        });
        return ml.Data.LoadFromEnumerable(rows);
    }

    [TestMethod]
    public void MlpTrainer_ExampleWeights_AllOnesEqualsUnweighted()
    {
        var ml = new MLContext(seed: 0);
        var data = Weighted(ml, _ => 1f);
        var weighted = MlNetData.Mlp(MlNetData.Pipeline(ml, new MlpTrainer(new MlpTrainer.Options { Seed = 1, MaximumNumberOfEpochs = 5, ExampleWeightColumnName = "Weight" })).Fit(data));
        var plain = MlNetData.Mlp(MlNetData.Pipeline(ml, new MlpTrainer(new MlpTrainer.Options { Seed = 1, MaximumNumberOfEpochs = 5 })).Fit(data));
        CollectionAssert.AreEqual(plain.Network.Parameters.ToArray(), weighted.Network.Parameters.ToArray());
    }

    [TestMethod]
    public void MlpTrainer_ExampleWeights_ZeroWeightRowsEqualTrainingWithoutThem()
    {
        // After every third iris row comes a copy with a wrong label. With weight 0 the copies must not count, so the
        // model is the one trained on the clean rows alone; with weight 1 they pull it far away. The copies sit between
        // the rows they shadow, so a weight read from the wrong row would show. Full-batch Adam on logistic regression
        // without standardisation or encodings (their statistics count every row), held-out rows (the copies change which
        // rows are held out) or L2: the runs differ only in the rows that count.
        var t = TabularData.Load("iris_train.csv");
        WeightedRow Row(int r, int label, float weight) => new() { Features = t.Features.AsSpan(r * 4, 4).ToArray(), Label = label, Weight = weight };
        var clean = Enumerable.Range(0, t.Rows).Select(r => Row(r, t.Labels[r], 1f)).ToArray();
        WeightedRow[] WithCopies(float weight) => Enumerable.Range(0, t.Rows)
            .SelectMany(r => r % 3 == 0 ? new[] { Row(r, t.Labels[r], 1f), Row(r, (t.Labels[r] + 1) % 3, weight) } : [Row(r, t.Labels[r], 1f)]).ToArray();
        float[] Fit(WeightedRow[] rows)
        {
            var ml = new MLContext(seed: 0);
            var options = new MlpTrainer.Options
            {
                Seed = 1, HiddenLayerSizes = [], LearningRate = 0.05f, BatchSize = 1000, MaximumNumberOfEpochs = 150, ConvergencePatience = 1000,
                FeatureScaling = NeuralNet.MLExtensions.Engine.FeatureScaling.None, L2Regularization = 0f, NumberOfThreads = 1, ExampleWeightColumnName = "Weight",
                NumericEmbedding = NeuralNet.MLExtensions.Engine.NumericEmbeddingKind.None, ValidationFraction = 0f,
            };
            // The label key is fitted on the clean rows, so every run numbers the classes alike.
            var key = ml.Transforms.Conversion.MapValueToKey("Label").Fit(ml.Data.LoadFromEnumerable(clean));
            return MlNetData.Mlp(key.Append(new MlpTrainer(options).Fit(key.Transform(ml.Data.LoadFromEnumerable(rows))))).Network.Parameters.ToArray();
        }
        float[] baseline = Fit(clean), ignored = Fit(WithCopies(0f)), counted = Fit(WithCopies(1f));
        double Distance(float[] a, float[] b) => a.Zip(b, (u, v) => Math.Abs(u - v)).Max();
        Console.WriteLine($"largest parameter difference from the clean model: zero-weighted copies {Distance(baseline, ignored)}, counted copies {Distance(baseline, counted)}");
        Assert.IsLessThan(1e-3, Distance(baseline, ignored));
        Assert.IsGreaterThan(0.1, Distance(baseline, counted), "the copies matter when counted, so the check above is not vacuous");
    }

    [TestMethod]
    public void MlpTrainer_ExampleWeights_HeavyClassWinsMorePredictions()
    {
        // Versicolor (1) and virginica (2) overlap; weighting virginica heavily moves the boundary towards it.
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options { Seed = 1, HiddenLayerSizes = [], MaximumNumberOfEpochs = 100, LearningRate = 0.01f, ExampleWeightColumnName = "Weight" };
        (int Count, double MeanProbability) Virginica(Func<int, float> weights)
        {
            var model = MlNetData.Pipeline(ml, new MlpTrainer(options)).Fit(Weighted(ml, weights));
            // Score the versicolor rows, where the two classes compete; Score slot 2 is virginica here (keys by occurrence: 1, 0, 2).
            var scored = ml.Data.CreateEnumerable<Predicted>(model.Transform(Weighted(ml, _ => 1f)), false)
                .Zip(TabularData.Load("iris_train.csv").Labels).Where(p => p.Second == 1).Select(p => p.First).ToArray();
            return (scored.Count(p => p.PredictedLabel == 3), scored.Average(p => p.Score[2]));
        }
        var balanced = Virginica(_ => 1f);
        var heavy = Virginica(c => c == 2 ? 50f : 1f);
        Console.WriteLine($"virginica: balanced {balanced}, weighted {heavy}");
        Assert.IsGreaterThan(2 * balanced.MeanProbability, heavy.MeanProbability);
        Assert.IsGreaterThan(balanced.Count, heavy.Count);
    }

    private sealed class Predicted
    {
        [KeyType(3)] public uint PredictedLabel { get; set; }
        public float[] Score { get; set; } = [];
    }

    [TestMethod]
    public void MlpModelParameters_WeightsAndSummary_DescribeTheNetwork()
    {
        var ml = new MLContext(seed: 0);
        var model = Train(ml, new MlpTrainer(new MlpTrainer.Options { HiddenLayerSizes = [8, 5], Activation = [NeuralNet.MLExtensions.Engine.Activation.Tanh], MaximumNumberOfEpochs = 3, EnsembleSize = 1, NumericEmbedding = NeuralNet.MLExtensions.Engine.NumericEmbeddingKind.None }));

        Assert.AreEqual(4, model.FeatureCount);
        Assert.AreEqual(3, model.Architecture.LayerCount);
        var w0 = model.GetWeights(0);
        Assert.AreEqual(8, w0.GetLength(0));
        Assert.AreEqual(4, w0.GetLength(1));
        Assert.AreEqual(5, model.GetWeights(1).GetLength(0));
        Assert.AreEqual(3, model.GetWeights(2).GetLength(0));
        Assert.HasCount(3, model.GetBiases(2));
        Assert.AreEqual(8 * 4 + 8 + 5 * 8 + 5 + 3 * 5 + 3, model.Architecture.ParameterCount); // 103
        Assert.HasCount(3, model.History);

        // The returned arrays are copies: changing them leaves the model alone.
        float before = model.GetWeights(0)[0, 0];
        w0[0, 0] = before + 1;
        Assert.AreEqual(before, model.GetWeights(0)[0, 0]);

        string summary = model.GetSummary();
        Console.WriteLine(summary);
        StringAssert.Contains(summary, "Hidden 1 (dense)");
        StringAssert.Contains(summary, "[8×4]");
        StringAssert.Contains(summary, "Tanh");
        StringAssert.Contains(summary, "[3×5]");
        StringAssert.Contains(summary, "softmax");
        StringAssert.Contains(summary, "Total parameters: 103 (87 weights, 16 biases)");
    }

    [TestMethod]
    public void MlNetInternals_Verify_EveryInternalMemberStillExists()
    {
        // Fails with the missing member's name when a new ML.NET changes one of the internals we rely on.
        MlNetInternals.Verify();
        Assert.IsNotNull(MlNetInternals.CreateTrainerInfo(false, false, false, false));
        var ml = new MLContext(seed: 0);
        Assert.IsNotNull(MlNetInternals.EnvironmentOf(ml.MulticlassClassification.Trainers).Register("probe").Rand);
    }

    [TestMethod]
    public void MlpTrainer_Fit_LogsEpochsAndStopReason()
    {
        var ml = new MLContext(seed: 0);
        var messages = new List<string>();
        ml.Log += (_, e) => { lock (messages) messages.Add(e.Message); };
        Train(ml, ml.MulticlassClassification.Trainers.Mlp(Quick()));
        Assert.IsTrue(messages.Any(m => m.Contains("Mlp: epoch 5/5: training loss")));
        Assert.IsTrue(messages.Any(m => m.Contains("Mlp: stopped after the maximum of 5 epochs")));
    }
}
