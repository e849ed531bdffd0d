namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// Which features have more than two distinct values, counted row by row (the streamed form of
/// <see cref="Training.EmbeddingSelection.ManyValued"/>, which decides the periodic embeddings): per feature the first
/// two values seen and whether a third differed.
/// </summary>
internal sealed class DistinctValues(int featureCount)
{
    private readonly float[] _first = new float[featureCount], _second = new float[featureCount];
    private readonly byte[] _seen = new byte[featureCount];   // distinct values seen so far, counting stops at 3

    /// <summary>Counts one row: [featureCount].</summary>
    public void Add(ReadOnlySpan<float> row)
    {
        for (int j = 0; j < _seen.Length; j++)
        {
            float v = row[j];
            switch (_seen[j])
            {
                case 0: (_first[j], _seen[j]) = (v, 1); break;
                case 1: if (!v.Equals(_first[j])) (_second[j], _seen[j]) = (v, 2); break;
                case 2: if (!v.Equals(_first[j]) && !v.Equals(_second[j])) _seen[j] = 3; break;
            }
        }
    }

    /// <summary>The indices of the features with more than two distinct values, in order.</summary>
    public int[] ManyValued() => [.. Enumerable.Range(0, _seen.Length).Where(j => _seen[j] == 3)];
}
