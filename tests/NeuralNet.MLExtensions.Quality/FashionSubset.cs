using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// The first rows of Fashion-MNIST's training and test files (IDX .gz, pixels scaled to [0, 1]) as Features and a
/// key Label: the wide, low-noise end of the benchmark, where per-feature embeddings must switch themselves off.
/// </summary>
internal static class FashionSubset
{
    private sealed class Image
    {
        [VectorType(784)]
        public float[] Features { get; set; } = [];
        public float Target { get; set; }
    }

    public static (IDataView Train, IDataView Test) Load(MLContext ml, string directory, int trainRows, int testRows)
    {
        var train = ml.Data.LoadFromEnumerable(Read(directory, "train", trainRows));
        var test = ml.Data.LoadFromEnumerable(Read(directory, "t10k", testRows));
        var toKey = ml.Transforms.Conversion.MapValueToKey("Label", "Target").Fit(train);
        return (Featurization.Cached(ml, toKey.Transform(train)), Featurization.Cached(ml, toKey.Transform(test)));
    }

    private static List<Image> Read(string directory, string prefix, int rows)
    {
        // The speed benchmark's IDX reader (a linked file): all rows, pixels scaled to [0, 1]; the first `rows` kept.
        var data = NeuralNet.MLExtensions.Benchmarks.DataSet.FashionMnist(directory, train: prefix == "train");
        rows = Math.Min(rows, data.Rows);
        var images = new List<Image>(rows);
        for (int r = 0; r < rows; r++)
            images.Add(new Image { Features = data.Features.AsSpan(r * data.FeatureCount, data.FeatureCount).ToArray(), Target = data.Labels[r] });
        return images;
    }
}
