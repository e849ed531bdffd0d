using System.Globalization;
using System.IO.Compression;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>A data set as plain arrays: features [rows×featureCount] row-major, labels [rows] in 0..classCount−1.</summary>
internal sealed record DataSet(float[] Features, int[] Labels, int FeatureCount, int ClassCount)
{
    public int Rows => Labels.Length;

    /// <summary>Fashion-MNIST from the four standard IDX .gz files; pixels scaled to [0, 1] like the scikit-learn script.</summary>
    public static DataSet FashionMnist(string directory, bool train)
    {
        string prefix = train ? "train" : "t10k";
        int[] labels = ReadIdx(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), out _, (bytes, n, _) =>
        {
            var y = new int[n];
            for (int i = 0; i < n; i++) y[i] = bytes[i];
            return y;
        });
        float[] features = ReadIdx(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), out int width, (bytes, n, w) =>
        {
            // Straight from bytes to floats: no intermediate copy, so the training working set is the features.
            var x = GC.AllocateUninitializedArray<float>(n * w);
            for (int i = 0; i < x.Length; i++) x[i] = bytes[i] / 255f;
            return x;
        });
        return new DataSet(features, labels, width, 10);
    }

    /// <summary>A CSV with a header, features first and the 0-based class in the last column.</summary>
    public static DataSet Csv(string path)
    {
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).ToArray();
        int d = lines[0].Split(',').Length - 1;
        var x = new float[lines.Length * d];
        var y = new int[lines.Length];
        for (int r = 0; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (int f = 0; f < d; f++) x[r * d + f] = float.Parse(cells[f], CultureInfo.InvariantCulture);
            y[r] = (int)float.Parse(cells[d], CultureInfo.InvariantCulture);
        }
        return new DataSet(x, y, d, y.Max() + 1);
    }

    // IDX: magic (0x0000 type dims), dims as big-endian int32, then the bytes; the reader sees (bytes, rows, row width).
    private static T ReadIdx<T>(string path, out int width, Func<byte[], int, int, T> convert)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var header = new byte[4];
        gz.ReadExactly(header);
        int dims = header[3];
        var sizes = new int[dims];
        for (int i = 0; i < dims; i++)
        {
            gz.ReadExactly(header);
            sizes[i] = (header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3];
        }
        width = 1;
        for (int i = 1; i < dims; i++) width *= sizes[i];
        var bytes = GC.AllocateUninitializedArray<byte>(sizes[0] * width);
        gz.ReadExactly(bytes);
        return convert(bytes, sizes[0], width);
    }
}
