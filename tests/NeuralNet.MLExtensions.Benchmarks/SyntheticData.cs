using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>
/// The scale benchmark's data: rows of 20 standard-normal features and a class in 0..9 given by a known rule, the
/// class whose row of a fixed random 10×20 matrix W has the largest dot product with the features after Gaussian noise
/// (σ = <see cref="Noise"/>) is added to each of the 10 scores. Row r is generated from (seed, r) alone, so the data
/// set is the same however it is read, and nothing is held: the view is a lazily enumerated sequence.
/// </summary>
internal static class SyntheticData
{
    public const int FeatureCount = 20, ClassCount = 10;
    public const double Noise = 0.5;

    public sealed class Row
    {
        [VectorType(FeatureCount)] public float[] Features { get; set; } = [];
        /// <summary>The class, 0..9: LoadFromEnumerable maps a [KeyType] member's value v to the key v + 1.</summary>
        [KeyType(ClassCount)] public uint Label { get; set; }
    }

    /// <summary>The lazily generated rows first..first+count−1 of the set with <paramref name="seed"/>, as an IDataView.</summary>
    public static IDataView View(MLContext ml, long first, long count, int seed) => ml.Data.LoadFromEnumerable(Rows(first, count, seed));

    public static IEnumerable<Row> Rows(long first, long count, int seed)
    {
        var w = Matrix(seed);
        var scores = new double[ClassCount];
        for (long r = first; r < first + count; r++)
        {
            var random = new SplitMix((ulong)r * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed << 32);
            var x = new float[FeatureCount];
            for (int j = 0; j < FeatureCount; j++) x[j] = (float)Gaussian(ref random);
            for (int c = 0; c < ClassCount; c++)
            {
                double s = Noise * Gaussian(ref random);
                for (int j = 0; j < FeatureCount; j++) s += w[c, j] * x[j];
                scores[c] = s;
            }
            yield return new Row { Features = x, Label = (uint)Array.IndexOf(scores, scores.Max()) };
        }
    }

    /// <summary>The fraction of rows whose label the noiseless rule (argmax W·x) gives: a ceiling for a model's accuracy.</summary>
    public static double RuleAccuracy(long first, long count, int seed)
    {
        var w = Matrix(seed);
        long agree = 0;
        foreach (var row in Rows(first, count, seed))
        {
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int c = 0; c < ClassCount; c++)
            {
                double s = 0;
                for (int j = 0; j < FeatureCount; j++) s += w[c, j] * row.Features[j];
                if (s > bestScore) (best, bestScore) = (c, s);
            }
            if (best == row.Label) agree++;
        }
        return (double)agree / count;
    }

    /// <summary>
    /// The binary file of <paramref name="rows"/> training rows for <paramref name="seed"/> in <paramref name="directory"/>,
    /// written (through a temporary name, so an interrupted write leaves no file) only if it is not there yet.
    /// </summary>
    public static string EnsureFile(MLContext ml, string directory, long rows, int seed, out bool written)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"synthetic-{rows}-rows-seed{seed}.idv");
        written = !File.Exists(path);
        if (!written) return path;
        string partial = path + ".partial";
        using (var stream = File.Create(partial)) ml.Data.SaveAsBinary(View(ml, 0, rows, seed), stream);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static double[,] Matrix(int seed)
    {
        var random = new SplitMix((ulong)(uint)seed);
        var w = new double[ClassCount, FeatureCount];
        for (int c = 0; c < ClassCount; c++)
            for (int j = 0; j < FeatureCount; j++) w[c, j] = Gaussian(ref random);
        return w;
    }

    private static double Gaussian(ref SplitMix random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>SplitMix64: a fast, small generator, seeded per row.</summary>
    private struct SplitMix(ulong seed)
    {
        // The seed goes through the finaliser first: seeds r·γ would otherwise give overlapping streams.
        private ulong _state = Mix(seed);

        public double NextDouble() => (Mix(_state += 0x9E3779B97F4A7C15UL) >> 11) * (1.0 / (1UL << 53));

        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
