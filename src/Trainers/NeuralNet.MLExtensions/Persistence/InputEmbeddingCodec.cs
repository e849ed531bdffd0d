using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// Writes and reads the network's input stage (<see cref="MlpArchitecture.Embedding"/>), format version 5 on, as one
/// delimited block after the class count: its length in bytes (int32), then a flags byte (1: periodic embeddings,
/// 2: per-input scale); with periodic embeddings the frequencies (int32), the width (int32), the number of embedded
/// features (int32) and their indices (int32 each, strictly increasing, below the input size). From version 6, flag 4
/// marks piecewise-linear encodings, which follow: the encoded feature count (int32), per feature its index (int32,
/// strictly increasing) and edge count (int32, 2 to bins + 1) and edges (float32 each), then each encoded column's
/// mean and scale (float32 each, all means then all scales). Files of versions 1-4
/// have no block and load without an input stage. The parameters themselves are in the parameter vector, after the
/// biases (see <see cref="MlpNetwork.Parameters"/>).
/// </summary>
internal static class InputEmbeddingCodec
{
    private const byte Periodic = 1, Scale = 2, PiecewiseLinear = 4;

    public static void Write(BinaryWriter w, InputEmbedding? embedding)
    {
        var bins = embedding?.PiecewiseLinear;
        int length = 1 + (embedding is { IsPeriodic: true } ? 12 + 4 * embedding.EmbeddedFeatures.Count : 0)
            + (bins is null ? 0 : 4 + bins.Edges.Sum(e => 8 + 4 * e.Count) + 8 * bins.ColumnCount);
        w.Write(length);
        w.Write((byte)((embedding is { IsPeriodic: true } ? Periodic : 0) | (embedding is { FeatureScale: true } ? Scale : 0) | (bins is null ? 0 : PiecewiseLinear)));
        if (embedding is { IsPeriodic: true })
        {
            w.Write(embedding.Frequencies);
            w.Write(embedding.EmbeddingWidth);
            w.Write(embedding.EmbeddedFeatures.Count);
            foreach (int j in embedding.EmbeddedFeatures) w.Write(j);
        }
        if (bins is null) return;
        w.Write(bins.Features.Count);
        for (int i = 0; i < bins.Features.Count; i++)
        {
            w.Write(bins.Features[i]);
            w.Write(bins.Edges[i].Count);
            foreach (float v in bins.Edges[i]) w.Write(v);
        }
        foreach (float v in bins.ColumnMeans) w.Write(v);
        foreach (float v in bins.ColumnScales) w.Write(v);
    }

    public static InputEmbedding? Read(ref PayloadReader r, int inputSize, int version)
    {
        int length = r.ReadInt32("input stage length", 1, int.MaxValue);
        if (length > r.Remaining)
            throw new InvalidDataException($"MLP model is truncated or corrupt: the input stage needs {length} bytes but only {r.Remaining} remain.");
        int start = r.Remaining;
        byte flags = r.ReadByte("input stage flags");
        int allowed = version >= 6 ? Periodic | Scale | PiecewiseLinear : Periodic | Scale;
        if ((flags & ~allowed) != 0 || (flags & (Periodic | PiecewiseLinear)) == (Periodic | PiecewiseLinear))
            throw new InvalidDataException(version >= 6
                ? $"MLP model is corrupt: input stage flags are {flags}, expected 0 to {allowed} with at most one of periodic (1) and piecewise-linear (4)."
                : $"MLP model is corrupt: input stage flags are {flags}, expected 0 to {allowed} in format version {version}.");
        InputEmbedding? embedding = null;
        if ((flags & Periodic) != 0)
        {
            int frequencies = r.ReadInt32("embedding frequencies", 1, MlpLimits.MaxEmbeddingFrequencies);
            int width = r.ReadInt32("embedding width", 1, MlpLimits.MaxEmbeddingWidth);
            int count = r.ReadInt32("embedded feature count", 1, inputSize);
            var features = new int[count];
            for (int i = 0; i < count; i++)
                features[i] = r.ReadInt32($"embedded feature {i}", i == 0 ? 0 : features[i - 1] + 1, inputSize - 1);
            embedding = new InputEmbedding(features, frequencies, width, (flags & Scale) != 0);
        }
        else if ((flags & PiecewiseLinear) != 0)
            embedding = new InputEmbedding(ReadBins(ref r, inputSize), (flags & Scale) != 0);
        else if ((flags & Scale) != 0)
            embedding = new InputEmbedding([], MlpDefaults.EmbeddingFrequencies, MlpDefaults.EmbeddingWidth, featureScale: true);
        if (start - r.Remaining != length)
            throw new InvalidDataException($"MLP model is corrupt: the input stage declares {length} bytes but holds {start - r.Remaining}.");
        return embedding;
    }

    private static PiecewiseLinearBins ReadBins(ref PayloadReader r, int inputSize)
    {
        int count = r.ReadInt32("encoded feature count", 1, inputSize);
        if (16L * count > r.Remaining)   // each feature: index, edge count and at least 2 edges
            throw new InvalidDataException($"MLP model is truncated or corrupt: {count} encoded features need at least {16L * count} bytes but only {r.Remaining} remain.");
        var features = new int[count];
        var edges = new float[count][];
        int columns = 0;
        for (int i = 0; i < count; i++)
        {
            features[i] = r.ReadInt32($"encoded feature {i}", i == 0 ? 0 : features[i - 1] + 1, inputSize - 1);
            int n = r.ReadInt32($"bin edge count of encoded feature {i}", 2, MlpLimits.MaxEmbeddingBins + 1);
            if (4L * n > r.Remaining)
                throw new InvalidDataException($"MLP model is truncated or corrupt: encoded feature {i} needs {n} bin edges but only {r.Remaining} bytes remain.");
            edges[i] = new float[n];
            r.ReadSingles(edges[i], $"bin edges of encoded feature {i}");
            columns += n - 1;
        }
        if (8L * columns > r.Remaining)
            throw new InvalidDataException($"MLP model is truncated or corrupt: the encoding's {columns} column means and scales need {8L * columns} bytes but only {r.Remaining} remain.");
        var means = new float[columns];
        var scales = new float[columns];
        r.ReadSingles(means, "encoded column means");
        r.ReadSingles(scales, "encoded column scales");
        try { return new PiecewiseLinearBins(features, edges, means, scales); }
        catch (ArgumentException e) { throw new InvalidDataException($"MLP model is corrupt: {e.Message}", e); }
    }
}
