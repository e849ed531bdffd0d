using Microsoft.ML;

namespace NeuralNet.MLExtensions.Tests.Reports;

/// <summary>Iris with the species as text, and the pipeline the report tests evaluate: features, label key, MLP, key back to text.</summary>
internal static class IrisSpecies
{
    public sealed class Flower
    {
        public float SepalLength { get; set; }
        public float SepalWidth { get; set; }
        public float PetalLength { get; set; }
        public float PetalWidth { get; set; }
        public string Species { get; set; } = "";
    }

    public static readonly string[] Names = ["setosa", "versicolor", "virginica"];

    public static IDataView Load(MLContext ml, string file)
    {
        var t = TabularData.Load(file);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, t.Rows).Select(r => new Flower
        {
            SepalLength = t.Features[r * 4], SepalWidth = t.Features[r * 4 + 1],
            PetalLength = t.Features[r * 4 + 2], PetalWidth = t.Features[r * 4 + 3],
            Species = Names[t.Labels[r]],
        }).ToArray());
    }

    public static MlpTrainer.Options TrainerOptions => new() { Seed = 3, HiddenLayerSizes = [16, 8], MaximumNumberOfEpochs = 150 };

    public static IEstimator<ITransformer> Features(MLContext ml) =>
        ml.Transforms.Concatenate("Features", "SepalLength", "SepalWidth", "PetalLength", "PetalWidth")
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"));

    public static ITransformer Train(MLContext ml) =>
        Features(ml)
            .Append(new MlpTrainer(ml, TrainerOptions))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"))
            .Fit(Load(ml, "iris_train.csv"));
}
