namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// The input stage of a network, before its first dense layer: optional periodic embeddings of some features or their
/// piecewise-linear encodings, and an optional learnable per-input scale. Its output row is the d input values (kept
/// as they are, "DenseNet" style), then <see cref="EmbeddingWidth"/> values for each periodically embedded feature in
/// the order of <see cref="EmbeddedFeatures"/>, or the <see cref="PiecewiseLinear"/> encoding's columns; the scale,
/// when on, multiplies every value of that row.
/// </summary>
public sealed class InputEmbedding
{
    /// <summary>Describes an input stage; every size is checked.</summary>
    /// <param name="embeddedFeatures">Indices of the features given periodic embeddings, strictly increasing; empty for none.</param>
    /// <param name="frequencies">Cosines per embedded feature, 1..<see cref="MlpLimits.MaxEmbeddingFrequencies"/>.</param>
    /// <param name="embeddingWidth">Values each embedded feature adds, 1..<see cref="MlpLimits.MaxEmbeddingWidth"/>.</param>
    /// <param name="featureScale">Whether a learnable scale s (initially 1) multiplies each first-layer input.</param>
    public InputEmbedding(IReadOnlyList<int> embeddedFeatures, int frequencies, int embeddingWidth, bool featureScale)
    {
        ArgumentNullException.ThrowIfNull(embeddedFeatures);
        if (frequencies < 1 || frequencies > MlpLimits.MaxEmbeddingFrequencies)
            throw new ArgumentOutOfRangeException(nameof(frequencies), frequencies, $"The number of embedding frequencies must be in 1..{MlpLimits.MaxEmbeddingFrequencies}; got {frequencies}.");
        if (embeddingWidth < 1 || embeddingWidth > MlpLimits.MaxEmbeddingWidth)
            throw new ArgumentOutOfRangeException(nameof(embeddingWidth), embeddingWidth, $"The embedding width must be in 1..{MlpLimits.MaxEmbeddingWidth}; got {embeddingWidth}.");
        for (int i = 0; i < embeddedFeatures.Count; i++)
            if (embeddedFeatures[i] < 0 || (i > 0 && embeddedFeatures[i] <= embeddedFeatures[i - 1]))
                throw new ArgumentException($"Embedded feature indices must be non-negative and strictly increasing; got {embeddedFeatures[i]} at position {i}.", nameof(embeddedFeatures));
        EmbeddedFeatures = embeddedFeatures.ToArray();
        Frequencies = frequencies;
        EmbeddingWidth = embeddingWidth;
        FeatureScale = featureScale;
    }

    /// <summary>Describes an input stage of piecewise-linear encodings (and the per-input scale when <paramref name="featureScale"/>).</summary>
    public InputEmbedding(PiecewiseLinearBins piecewiseLinear, bool featureScale)
        : this([], MlpDefaults.EmbeddingFrequencies, MlpDefaults.EmbeddingWidth, featureScale)
    {
        PiecewiseLinear = piecewiseLinear ?? throw new ArgumentNullException(nameof(piecewiseLinear));
    }

    /// <summary>The piecewise-linear encodings of some features, or null (then the stage is periodic, scale-only, or both).</summary>
    public PiecewiseLinearBins? PiecewiseLinear { get; }
    /// <summary>Whether the stage encodes features piecewise-linearly.</summary>
    public bool IsPiecewiseLinear => PiecewiseLinear is not null;

    /// <summary>Indices of the features with periodic embeddings (the others pass through as they are).</summary>
    public IReadOnlyList<int> EmbeddedFeatures { get; }
    /// <summary>Cosines per embedded feature.</summary>
    public int Frequencies { get; }
    /// <summary>Values each embedded feature adds beside its own value.</summary>
    public int EmbeddingWidth { get; }
    /// <summary>Whether a learnable per-input scale precedes the first dense layer.</summary>
    public bool FeatureScale { get; }
    /// <summary>Whether any feature has a periodic embedding.</summary>
    public bool IsPeriodic => EmbeddedFeatures.Count > 0;

    /// <summary>The first dense layer's input width for <paramref name="inputSize"/> features.</summary>
    public long OutputWidth(int inputSize) => inputSize + (long)EmbeddedFeatures.Count * EmbeddingWidth + (PiecewiseLinear?.ColumnCount ?? 0);

    /// <summary>Parameters of the stage: per embedded feature k frequencies, k phases, a [width×k] map and its width biases; the scales.</summary>
    public long ParameterCount(int inputSize) =>
        (long)EmbeddedFeatures.Count * (2L * Frequencies + (long)EmbeddingWidth * Frequencies + EmbeddingWidth)
        + (FeatureScale ? OutputWidth(inputSize) : 0);

    /// <summary>Whether <paramref name="other"/> describes the same stage.</summary>
    public bool SameAs(InputEmbedding? other) =>
        other is not null && other.Frequencies == Frequencies && other.EmbeddingWidth == EmbeddingWidth
        && other.FeatureScale == FeatureScale && other.EmbeddedFeatures.SequenceEqual(EmbeddedFeatures)
        && (PiecewiseLinear is null ? other.PiecewiseLinear is null : PiecewiseLinear.SameAs(other.PiecewiseLinear));

    /// <summary>e.g. "periodic 16→3 on 8 features, scale" or "piecewise-linear, 96 bins on 8 features".</summary>
    public override string ToString() =>
        string.Join(", ", new[]
        {
            IsPeriodic ? $"periodic {Frequencies}→{EmbeddingWidth} on {EmbeddedFeatures.Count} feature{(EmbeddedFeatures.Count == 1 ? "" : "s")}" : null,
            IsPiecewiseLinear ? $"piecewise-linear, {PiecewiseLinear!.ColumnCount} bins on {PiecewiseLinear.Features.Count} feature{(PiecewiseLinear.Features.Count == 1 ? "" : "s")}" : null,
            FeatureScale ? "scale" : null,
        }.Where(s => s is not null));
}
