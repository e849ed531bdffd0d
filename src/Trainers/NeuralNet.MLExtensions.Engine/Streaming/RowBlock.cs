namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// Up to <see cref="Capacity"/> consecutive rows of a streamed source, in buffers allocated once and refilled: features
/// [Capacity×FeatureCount] row-major, labels [Capacity] in 0..K−1 (0 for regression), targets and example weights
/// [Capacity] when the source has them, and each row's position in the source (counting rows a reader skipped), which
/// decides whether the row is held out for validation.
/// </summary>
internal sealed class RowBlock
{
    public RowBlock(int capacity, int featureCount, bool hasWeights, bool hasTargets)
    {
        Capacity = capacity;
        FeatureCount = featureCount;
        Features = new float[(long)capacity * featureCount];
        Labels = new int[capacity];
        Positions = new long[capacity];
        Weights = hasWeights ? new float[capacity] : null;
        Targets = hasTargets ? new float[capacity] : null;
    }

    public int Capacity { get; }
    public int FeatureCount { get; }
    public float[] Features { get; }
    public int[] Labels { get; }
    public long[] Positions { get; }
    public float[]? Weights { get; }
    public float[]? Targets { get; }
    /// <summary>Rows filled, 0..Capacity.</summary>
    public int Count { get; set; }

    /// <summary>Row <paramref name="row"/>'s features: [FeatureCount].</summary>
    public Span<float> Row(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);
}
