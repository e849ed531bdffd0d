using NeuralNet.MLExtensions.Tests.Engine;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Tests.Persistence;
using NeuralNet.MLExtensions.Tests.Trainers;
using NeuralNet.MLExtensions.Transforms;

namespace NeuralNet.MLExtensions.Tests.Transforms;

/// <summary>mlContext.Transforms.MlpHiddenLayer outputs a trained network's hidden activations, anywhere in a pipeline.</summary>
[TestClass]
public sealed class MlpHiddenLayerTransformTests
{
    private sealed class HiddenRow
    {
        public float[] Hidden { get; set; } = [];
    }

    private static (MLContext Ml, MlpModelParameters Model) Trained(int[]? hidden = null,
        NeuralNet.MLExtensions.Engine.FeatureScaling scaling = NeuralNet.MLExtensions.Engine.FeatureScaling.Standard)
    {
        var ml = new MLContext(seed: 0);
        var options = new MlpTrainer.Options
        {
            HiddenLayerSizes = hidden ?? [12, 5], Activation = [NeuralNet.MLExtensions.Engine.Activation.Tanh], MaximumNumberOfEpochs = 40, FeatureScaling = scaling, EnsembleSize = 1,
        };
        var model = MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp(options)).Fit(MlNetData.Load(ml, "iris_train.csv"));
        return (ml, MlNetData.Mlp(model));
    }

    [TestMethod]
    [DataRow(NeuralNet.MLExtensions.Engine.FeatureScaling.Standard)]
    [DataRow(NeuralNet.MLExtensions.Engine.FeatureScaling.Robust)]
    public void MlpHiddenLayer_Transform_EqualsTheLayerComputedByHand(NeuralNet.MLExtensions.Engine.FeatureScaling scaling)
    {
        var (ml, model) = Trained(scaling: scaling);
        Assert.AreEqual(scaling, model.Standardizer!.Kind);
        var data = MlNetData.Load(ml, "iris_test.csv");
        var output = ml.Transforms.MlpHiddenLayer(model, 0, "Hidden").Fit(data).Transform(data);
        var rows = ml.Data.CreateEnumerable<HiddenRow>(output, reuseRowObject: false).ToArray();
        var test = TabularData.Load("iris_test.csv");
        var w = model.GetWeights(0);
        var b = model.GetBiases(0);
        var a = model.Architecture;
        double[] theta = model.Network.Parameters.ToArray().Select(v => (double)v).ToArray();
        for (int r = 0; r < test.Rows; r++)
        {
            var x = test.Features.AsSpan(r * 4, 4).ToArray();
            model.Standardizer!.Apply(x, x);
            // The first layer's inputs: the scaled features, then the default input stage's piecewise-linear bins.
            double[] input = x.Select(v => (double)v).ToArray();
            if (a.Embedding is { } stage) input = ReferenceInputStage.Apply(stage, theta, (int)(a.WeightCount + a.BiasCount), input);
            Assert.AreEqual(a.LayerInputSize(0), input.Length);
            Assert.HasCount(12, rows[r].Hidden);
            for (int u = 0; u < 12; u++)
            {
                double z = b[u];
                for (int i = 0; i < input.Length; i++) z += w[u, i] * input[i];
                Assert.AreEqual(Math.Tanh(z), rows[r].Hidden[u], 1e-5, $"row {r} unit {u}");
            }
        }
        VBuffer<ReadOnlyMemory<char>> slots = default;
        output.Schema["Hidden"].GetSlotNames(ref slots);
        Assert.AreEqual("Unit0", slots.GetItemOrDefault(0).ToString());
        Assert.AreEqual("Unit11", slots.GetItemOrDefault(11).ToString());
    }

    [TestMethod]
    public void MlpHiddenLayer_PredictionEngine_MatchesTransformOnSecondLayer()
    {
        var (ml, model) = Trained();
        var data = MlNetData.Load(ml, "iris_test.csv");
        var transformer = ml.Transforms.MlpHiddenLayer(model, 1, "Hidden").Fit(data);
        var batch = ml.Data.CreateEnumerable<HiddenRow>(transformer.Transform(data), reuseRowObject: false).ToArray();
        var engine = ml.Model.CreatePredictionEngine<IrisRow, HiddenRow>(transformer);
        var inputs = ml.Data.CreateEnumerable<IrisRow>(data, reuseRowObject: false).ToArray();
        for (int i = 0; i < inputs.Length; i++)
        {
            var one = engine.Predict(inputs[i]).Hidden;
            Assert.HasCount(5, one);
            CollectionAssert.AreEqual(batch[i].Hidden, one, $"row {i}");
        }
    }

    private sealed class IrisRow
    {
        [VectorType(4)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    [TestMethod]
    public void MlpHiddenLayer_FeedsKMeans_ClustersFollowTheClasses()
    {
        var (ml, model) = Trained([8]);
        var data = MlNetData.Load(ml, "iris.csv");
        var pipeline = ml.Transforms.MlpHiddenLayer(model, 0, "Representation")
            .Append(ml.Clustering.Trainers.KMeans("Representation", numberOfClusters: 3));
        var clustered = pipeline.Fit(data).Transform(data);
        var assignments = ml.Data.CreateEnumerable<Cluster>(clustered, reuseRowObject: false).ToArray();
        var labels = TabularData.Load("iris.csv").Labels;
        // Purity: each cluster's most common class, counted over all rows.
        int pure = assignments.Select((a, i) => (a.PredictedLabel, Label: labels[i])).GroupBy(p => p.PredictedLabel)
            .Sum(g => g.GroupBy(p => p.Label).Max(c => c.Count()));
        double purity = (double)pure / labels.Length;
        Console.WriteLine($"KMeans on the hidden layer: purity {purity:F3}");
        Assert.IsGreaterThan(0.8, purity);
    }

    private sealed class Cluster
    {
        public uint PredictedLabel { get; set; }
    }

    [TestMethod]
    public void MlpHiddenLayer_SaveLoadInFreshProcess_BitwiseIdenticalThroughTransformAndPredictionEngine()
    {
        var ml = new MLContext(seed: 0);
        var train = IrisPipeline.Rows("iris_train.csv");
        var trained = IrisPipeline.Train(ml, train, new MlpTrainer.Options { HiddenLayerSizes = [7], MaximumNumberOfEpochs = 10 });
        var model = ((IEnumerable<ITransformer>)trained).OfType<MlpPredictionTransformer>().Single().Model;
        // The hidden layer reads the features the MLP was trained on: Raw concatenated and normalised, as in training.
        var pipeline = ml.Transforms.Concatenate("Features", "Raw")
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.Transforms.MlpHiddenLayer(model, 0, "Hidden"))
            .Fit(IrisPipeline.Load(ml, train));
        string directory = Directory.CreateTempSubdirectory("mlp-hidden-").FullName;
        string path = Path.Combine(directory, "hidden.zip");
        ml.Model.Save(pipeline, IrisPipeline.Load(ml, train).Schema, path);

        var test = IrisPipeline.Rows("iris_test.csv");
        var expected = ml.Data.CreateEnumerable<HiddenRow>(pipeline.Transform(IrisPipeline.Load(ml, test)), reuseRowObject: false).ToArray();
        var lines = LoadProbe.Run(path, TabularData.PathOf("iris_test.csv"), "hidden");
        foreach (var kind in new[] { "T", "P" })
        {
            var rows = lines.Where(l => l[0] == kind).ToArray();
            Assert.HasCount(expected.Length, rows);
            for (int i = 0; i < rows.Length; i++) Assert.AreEqual(IrisPipeline.Bits(expected[i].Hidden), rows[i][2], $"{kind} row {i}");
        }
        Directory.Delete(directory, recursive: true);
    }

    [TestMethod]
    public void MlpHiddenLayer_BadLayerIndex_NamesTheRange()
    {
        var (ml, model) = Trained();
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.MlpHiddenLayer(model, 2, "Hidden"));
        Assert.AreEqual("layerIndex", e.ParamName);
        StringAssert.StartsWith(e.Message, "layerIndex must be between 0 and 1 (the model has 2 hidden layers); got 2.");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.MlpHiddenLayer(model, -1, "Hidden"));
    }

    [TestMethod]
    public void MlpHiddenLayer_ModelWithoutHiddenLayer_SaysSo()
    {
        var (ml, model) = Trained([]);
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.MlpHiddenLayer(model, 0, "Hidden"));
        StringAssert.Contains(e.Message, "The model has no hidden layer");
    }

    [TestMethod]
    public void MlpHiddenLayer_FeatureSizeMismatch_NamesColumnAndSizes()
    {
        var (ml, model) = Trained();
        var digits = MlNetData.Load(ml, "digits_test.csv");
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ml.Transforms.MlpHiddenLayer(model, 0, "Hidden").Fit(digits));
        StringAssert.Contains(e.Message, "Features column 'Features': expected a vector of 4 Single values (the size the model was trained on), got 64");
    }

    [TestMethod]
    public void MlpHiddenLayer_MissingInputColumn_NamesIt()
    {
        var (ml, model) = Trained();
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ml.Transforms.MlpHiddenLayer(model, 0, "Hidden", "Pixels").Fit(MlNetData.Load(ml, "iris_test.csv")));
        StringAssert.Contains(e.Message, "Could not find input column 'Pixels'");
    }
}
