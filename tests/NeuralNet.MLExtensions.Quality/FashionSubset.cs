using System.IO.Compression;
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
        byte[] labels = ReadIdx(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), out int count, out _);
        byte[] pixels = ReadIdx(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), out _, out int width);
        rows = Math.Min(rows, count);
        var images = new List<Image>(rows);
        for (int r = 0; r < rows; r++)
        {
            var x = new float[width];
            for (int i = 0; i < width; i++) x[i] = pixels[r * width + i] / 255f;
            images.Add(new Image { Features = x, Target = labels[r] });
        }
        return images;
    }

    // IDX: magic (0x0000 type dims), the sizes as big-endian int32, then the bytes.
    private static byte[] ReadIdx(string path, out int count, out int width)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var word = new byte[4];
        gz.ReadExactly(word);
        int dims = word[3];
        var sizes = new int[dims];
        for (int i = 0; i < dims; i++)
        {
            gz.ReadExactly(word);
            sizes[i] = (word[0] << 24) | (word[1] << 16) | (word[2] << 8) | word[3];
        }
        count = sizes[0];
        width = 1;
        for (int i = 1; i < dims; i++) width *= sizes[i];
        var bytes = new byte[count * width];
        gz.ReadExactly(bytes);
        return bytes;
    }
}
