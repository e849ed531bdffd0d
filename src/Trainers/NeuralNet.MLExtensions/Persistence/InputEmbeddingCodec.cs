using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// Writes and reads the network's input stage (<see cref="MlpArchitecture.Embedding"/>), format version 5 on, as one
/// delimited block after the class count: its length in bytes (int32), then a flags byte (1: periodic embeddings,
/// 2: per-input scale); with periodic embeddings the frequencies (int32), the width (int32), the number of embedded
/// features (int32) and their indices (int32 each, strictly increasing, below the input size). Files of versions 1-4
/// have no block and load without an input stage. The parameters themselves are in the parameter vector, after the
/// biases (see <see cref="MlpNetwork.Parameters"/>).
/// </summary>
internal static class InputEmbeddingCodec
{
    private const byte Periodic = 1, Scale = 2;

    public static void Write(BinaryWriter w, InputEmbedding? embedding)
    {
        int length = embedding is { IsPeriodic: true } ? 1 + 12 + 4 * embedding.EmbeddedFeatures.Count : 1;
        w.Write(length);
        w.Write((byte)((embedding is { IsPeriodic: true } ? Periodic : 0) | (embedding is { FeatureScale: true } ? Scale : 0)));
        if (embedding is not { IsPeriodic: true }) return;
        w.Write(embedding.Frequencies);
        w.Write(embedding.EmbeddingWidth);
        w.Write(embedding.EmbeddedFeatures.Count);
        foreach (int j in embedding.EmbeddedFeatures) w.Write(j);
    }

    public static InputEmbedding? Read(ref PayloadReader r, int inputSize)
    {
        int length = r.ReadInt32("input stage length", 1, int.MaxValue);
        if (length > r.Remaining)
            throw new InvalidDataException($"MLP model is truncated or corrupt: the input stage needs {length} bytes but only {r.Remaining} remain.");
        int start = r.Remaining;
        byte flags = r.ReadByte("input stage flags");
        if (flags > (Periodic | Scale)) throw new InvalidDataException($"MLP model is corrupt: input stage flags are {flags}, expected 0 to 3.");
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
        else if ((flags & Scale) != 0)
            embedding = new InputEmbedding([], MlpDefaults.EmbeddingFrequencies, MlpDefaults.EmbeddingWidth, featureScale: true);
        if (start - r.Remaining != length)
            throw new InvalidDataException($"MLP model is corrupt: the input stage declares {length} bytes but holds {start - r.Remaining}.");
        return embedding;
    }
}
