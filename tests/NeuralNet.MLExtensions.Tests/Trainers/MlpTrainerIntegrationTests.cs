using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>The trained pipeline works unchanged with ML.NET's own tools.</summary>
[TestClass]
public sealed class MlpTrainerIntegrationTests
{
    private sealed class Flower
    {
        public float SepalLength { get; set; }
        public float SepalWidth { get; set; }
        public float PetalLength { get; set; }
        public float PetalWidth { get; set; }
        public string Species { get; set; } = "";
    }

    private sealed class FlowerPrediction
    {
        public float[] Score { get; set; } = [];
        public string PredictedSpecies { get; set; } = "";
    }

    private static readonly string[] SpeciesNames = ["setosa", "versicolor", "virginica"];

    private static Flower[] Flowers(string file) =>
        TabularData.Load(file) is var t
            ? Enumerable.Range(0, t.Rows).Select(r => new Flower
            {
                SepalLength = t.Features[r * 4], SepalWidth = t.Features[r * 4 + 1],
                PetalLength = t.Features[r * 4 + 2], PetalWidth = t.Features[r * 4 + 3],
                Species = SpeciesNames[t.Labels[r]],
            }).ToArray()
            : [];

    private static IEstimator<ITransformer> TextLabelPipeline(MLContext ml) =>
        ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"))
            .Append(new MlpTrainer(ml, new MlpTrainer.Options { Seed = 3 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));

    [TestMethod]
    public void MlpTrainer_Evaluate_TextLabels_MetricsAndClassNames()
    {
        var ml = new MLContext(seed: 0);
        var model = TextLabelPipeline(ml).Fit(ml.Data.LoadFromEnumerable(Flowers("iris_train.csv")));
        var scored = model.Transform(ml.Data.LoadFromEnumerable(Flowers("iris_test.csv")));
        var metrics = ml.MulticlassClassification.Evaluate(scored);

        Assert.IsGreaterThanOrEqualTo(0.9, metrics.MicroAccuracy);
        Assert.IsLessThan(0.5, metrics.LogLoss);
        Assert.AreEqual(3, metrics.ConfusionMatrix.NumberOfClasses);
        string table = metrics.ConfusionMatrix.GetFormattedConfusionTable();
        foreach (var name in SpeciesNames) StringAssert.Contains(table, name);

        // Score's slot names are the class names, and Score holds probabilities.
        VBuffer<ReadOnlyMemory<char>> slots = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        VBuffer<ReadOnlyMemory<char>> keys = default;
        scored.Schema["Label"].GetKeyValues(ref keys);
        CollectionAssert.AreEquivalent(SpeciesNames, slots.DenseValues().Select(s => s.ToString()).ToArray());
        CollectionAssert.AreEqual(keys.DenseValues().Select(s => s.ToString()).ToArray(), slots.DenseValues().Select(s => s.ToString()).ToArray(),
            "Score slot i is the class of label key i+1.");
        foreach (var row in ml.Data.CreateEnumerable<FlowerPrediction>(scored, reuseRowObject: false))
        {
            Assert.AreEqual(1.0, row.Score.Sum(), 1e-5);
            Assert.IsTrue(row.Score.All(p => p >= 0 && p <= 1));
            CollectionAssert.Contains(SpeciesNames, row.PredictedSpecies, "MapKeyToValue gives back the original label text.");
        }
    }

    [TestMethod]
    public void MlpTrainer_CreatePredictionEngine_MatchesTransform()
    {
        var ml = new MLContext(seed: 0);
        var model = TextLabelPipeline(ml).Fit(ml.Data.LoadFromEnumerable(Flowers("iris_train.csv")));
        var test = Flowers("iris_test.csv");
        var batch = ml.Data.CreateEnumerable<FlowerPrediction>(model.Transform(ml.Data.LoadFromEnumerable(test)), reuseRowObject: false).ToArray();
        var engine = ml.Model.CreatePredictionEngine<Flower, FlowerPrediction>(model);
        for (int i = 0; i < test.Length; i++)
        {
            var one = engine.Predict(test[i]);
            CollectionAssert.AreEqual(batch[i].Score, one.Score);
            Assert.AreEqual(batch[i].PredictedSpecies, one.PredictedSpecies);
        }
    }

    [TestMethod]
    public void MlpTrainer_CrossValidate_ReturnsGoodFoldsOnIris()
    {
        var ml = new MLContext(seed: 0);
        var data = MlNetData.Load(ml, "iris.csv");
        var results = ml.MulticlassClassification.CrossValidate(data, MlNetData.Pipeline(ml, ml.MulticlassClassification.Trainers.Mlp()), numberOfFolds: 3);
        Assert.HasCount(3, results);
        foreach (var fold in results) Assert.IsGreaterThanOrEqualTo(0.85, fold.Metrics.MicroAccuracy);
    }

    [TestMethod]
    public void MlpTrainer_PermutationFeatureImportance_PetalFeaturesMatterMost()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Transforms.Conversion.MapValueToKey("Label").Fit(MlNetData.Load(ml, "iris_train.csv")) is var keying
            ? keying.Transform(MlNetData.Load(ml, "iris_train.csv")) : null!;
        var predictor = ml.MulticlassClassification.Trainers.Mlp().Fit(data);
        var importance = ml.MulticlassClassification.PermutationFeatureImportance(predictor, data, permutationCount: 3);
        Assert.HasCount(4, importance);
        var drops = importance.Select(m => m.MicroAccuracy.Mean).ToArray();
        // Iris is decided by the petals (features 2 and 3): permuting one of them costs the most accuracy.
        Assert.IsLessThan(Math.Min(drops[0], drops[1]), Math.Min(drops[2], drops[3]));
    }

    [TestMethod]
    public void MlpTrainer_Fit_TwoClasses_Works()
    {
        var ml = new MLContext(seed: 0);
        var flowers = Flowers("iris_train.csv").Where(f => f.Species != "setosa").ToArray();
        var model = TextLabelPipeline(ml).Fit(ml.Data.LoadFromEnumerable(flowers));
        var test = Flowers("iris_test.csv").Where(f => f.Species != "setosa").ToArray();
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(test)));
        Assert.AreEqual(2, metrics.ConfusionMatrix.NumberOfClasses);
        Assert.IsGreaterThanOrEqualTo(0.85, metrics.MicroAccuracy);
    }

    [TestMethod]
    public void MlpTrainer_GetOutputSchema_MatchesTransformedSchema()
    {
        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(Flowers("iris_train.csv"));
        var pipeline = TextLabelPipeline(ml);
        var shape = pipeline.GetOutputSchema(MlNetData.ShapeOf(data.Schema));
        var schema = pipeline.Fit(data).Transform(data).Schema;
        foreach (var name in new[] { "Score", "PredictedLabel", "PredictedSpecies" })
        {
            Assert.IsTrue(shape.Any(c => c.Name == name), $"{name} is in the shape");
            Assert.IsTrue(schema.GetColumnOrNull(name).HasValue, $"{name} is in the schema");
        }
        var predicted = shape.Single(c => c.Name == "PredictedLabel");
        Assert.IsTrue(predicted.IsKey);
        Assert.AreEqual(TextDataViewType.Instance, shape.Single(c => c.Name == "PredictedSpecies").ItemType);
    }
}
