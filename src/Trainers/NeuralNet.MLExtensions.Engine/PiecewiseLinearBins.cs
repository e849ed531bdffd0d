namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Piecewise-linear encodings of numeric features (Gorishniy et al. 2022, PLE with quantile bins): feature x_j with bin
/// edges e₀ &lt; e₁ &lt; … &lt; e_T (its training quantiles at 0, 1/T, …, 1) becomes T values, bin t's being
/// (x − e_t)/(e_t₊₁ − e_t) clipped to [0, 1], except that the first bin is not clipped below and the last not above,
/// so a value outside the training range still moves its outer bin. A value in bin t reads 1 in every bin below,
/// 0 in every bin above, so a first dense layer sees "how far past each threshold" the value is, which lets it draw
/// the step-like functions of counts and thresholds that trees find easily. Each encoded column is then centred and
/// scaled by its training mean and standard deviation, as the inputs themselves are. The edges and the column
/// statistics are fixed when training starts (no parameters), fitted on the training rows, and saved with the model.
/// </summary>
public sealed class PiecewiseLinearBins
{
    private readonly int[] _features;
    private readonly float[][] _edges;
    private readonly float[] _means, _scales;
    // Per encoded column, derived from the edges: its feature, left edge, 1/width and clip bounds.
    private readonly int[] _columnFeature;
    private readonly float[] _left, _inverseWidth, _low, _high;

    /// <summary>Describes an encoding; every size and order is checked.</summary>
    /// <param name="features">Indices of the encoded features, strictly increasing, non-negative.</param>
    /// <param name="edges">Per encoded feature its bin edges: at least 2, finite, strictly increasing.</param>
    /// <param name="columnMeans">Per encoded column (feature by feature, bin by bin) its training mean.</param>
    /// <param name="columnScales">Per encoded column the factor applied after centring (1/standard deviation): finite and positive.</param>
    public PiecewiseLinearBins(IReadOnlyList<int> features, IReadOnlyList<float[]> edges, IReadOnlyList<float> columnMeans, IReadOnlyList<float> columnScales)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(columnMeans);
        ArgumentNullException.ThrowIfNull(columnScales);
        if (features.Count == 0) throw new ArgumentException("A piecewise-linear encoding needs at least one feature.", nameof(features));
        if (edges.Count != features.Count)
            throw new ArgumentException($"Expected bin edges for each of the {features.Count} encoded features; got {edges.Count}.", nameof(edges));
        for (int i = 0; i < features.Count; i++)
        {
            if (features[i] < 0 || (i > 0 && features[i] <= features[i - 1]))
                throw new ArgumentException($"Encoded feature indices must be non-negative and strictly increasing; got {features[i]} at position {i}.", nameof(features));
            var e = edges[i] ?? throw new ArgumentNullException(nameof(edges));
            if (e.Length < 2 || e.Length - 1 > MlpLimits.MaxEmbeddingBins)
                throw new ArgumentException($"Feature {features[i]} has {e.Length} bin edges; it needs 2 to {MlpLimits.MaxEmbeddingBins + 1}.", nameof(edges));
            for (int t = 0; t < e.Length; t++)
                if (!float.IsFinite(e[t]) || (t > 0 && !(e[t] > e[t - 1])))
                    throw new ArgumentException($"The bin edges of feature {features[i]} must be finite and strictly increasing; edge {t} is {e[t]}.", nameof(edges));
        }
        _features = [.. features];
        _edges = [.. edges.Select(e => e.ToArray())];
        Edges = [.. _edges.Select(e => Array.AsReadOnly(e))];
        int columns = _edges.Sum(e => e.Length - 1);
        if (columnMeans.Count != columns || columnScales.Count != columns)
            throw new ArgumentException($"The encoding has {columns} columns; got {columnMeans.Count} means and {columnScales.Count} scales.", nameof(columnMeans));
        for (int c = 0; c < columns; c++)
            if (!float.IsFinite(columnMeans[c]) || !float.IsFinite(columnScales[c]) || !(columnScales[c] > 0))
                throw new ArgumentException($"Column {c} of the encoding has mean {columnMeans[c]} and scale {columnScales[c]}; both must be finite and the scale positive.", nameof(columnScales));
        _means = [.. columnMeans];
        _scales = [.. columnScales];
        (_columnFeature, _left, _inverseWidth, _low, _high) = (new int[columns], new float[columns], new float[columns], new float[columns], new float[columns]);
        int at = 0;
        for (int i = 0; i < _features.Length; i++)
        {
            float[] e = _edges[i];
            int bins = e.Length - 1;
            for (int t = 0; t < bins; t++, at++)
            {
                _columnFeature[at] = _features[i];
                _left[at] = e[t];
                _inverseWidth[at] = 1f / (e[t + 1] - e[t]);
                _low[at] = t == 0 ? float.NegativeInfinity : 0f;
                _high[at] = t == bins - 1 ? float.PositiveInfinity : 1f;
            }
        }
    }

    /// <summary>Indices of the encoded features, in output order.</summary>
    public IReadOnlyList<int> Features => _features;
    /// <summary>Bin edges of each encoded feature (read-only views: the encoding never changes once built).</summary>
    public IReadOnlyList<IReadOnlyList<float>> Edges { get; }
    /// <summary>Training mean of each encoded column.</summary>
    public IReadOnlyList<float> ColumnMeans => _means;
    /// <summary>The factor (1/standard deviation) of each encoded column.</summary>
    public IReadOnlyList<float> ColumnScales => _scales;
    /// <summary>Encoded values added to each row: the bins of all features.</summary>
    public int ColumnCount => _means.Length;

    internal ReadOnlySpan<int> ColumnFeature => _columnFeature;
    internal ReadOnlySpan<float> ColumnLeft => _left;
    internal ReadOnlySpan<float> ColumnInverseWidth => _inverseWidth;
    internal ReadOnlySpan<float> ColumnLow => _low;
    internal ReadOnlySpan<float> ColumnHigh => _high;

    /// <summary>x: one row of all inputs → encoded: [<see cref="ColumnCount"/>], centred and scaled.</summary>
    public void Encode(ReadOnlySpan<float> x, Span<float> encoded)
    {
        for (int c = 0; c < _means.Length; c++)
            encoded[c] = (Bin(x[_columnFeature[c]], c) - _means[c]) * _scales[c];
    }

    /// <summary>Column c's clipped value before centring: clip((x − left)·(1/width), low, high).</summary>
    internal float Bin(float x, int c) => Math.Clamp((x - _left[c]) * _inverseWidth[c], _low[c], _high[c]);

    /// <summary>
    /// d(encoded column c)/dx for input value <paramref name="x"/>: scale/width inside the unclipped range, 0 where clipped.
    /// </summary>
    internal float Slope(float x, int c)
    {
        float v = (x - _left[c]) * _inverseWidth[c];
        return v > _low[c] && v < _high[c] ? _inverseWidth[c] * _scales[c] : 0f;
    }

    /// <summary>Most rows <see cref="Fit"/> reads: 262,144 (2^18), evenly spread over larger data.</summary>
    public const int MaxFitRows = 1 << 18;

    /// <summary>
    /// Fits the encoding on the training rows (at most <see cref="MaxFitRows"/> of them, evenly spread): for each of
    /// <paramref name="manyValued"/> the distinct values among its quantiles at 0, 1/bins, …, 1 (order statistics at the
    /// nearest rank), then each column's mean and standard deviation (a column that never varies gets scale 1). Null
    /// when no feature has two distinct edges.
    /// </summary>
    public static PiecewiseLinearBins? Fit(ReadOnlySpan<float> features, int rows, int featureCount, IReadOnlyList<int> manyValued, int bins)
    {
        if (bins < 1 || bins > MlpLimits.MaxEmbeddingBins)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, $"The number of bins must be in 1..{MlpLimits.MaxEmbeddingBins}; got {bins}.");
        var chosen = new List<int>();
        var edges = new List<float[]>();
        // On more rows than MaxFitRows, every (rows/MaxFitRows)-th row, evenly spread: quantiles and column statistics
        // of a quarter of a million rows are as good as of all, and sorting each column of millions would not be.
        int sample = Math.Min(rows, MaxFitRows);
        int Row(int i) => sample == rows ? i : (int)((long)i * rows / sample);
        var column = new float[sample];
        foreach (int j in manyValued)
        {
            for (int i = 0; i < sample; i++) column[i] = features[Row(i) * featureCount + j];
            Array.Sort(column);
            var e = new List<float>(bins + 1);
            for (int t = 0; t <= bins; t++)
            {
                float v = column[(int)Math.Round((double)t / bins * (sample - 1), MidpointRounding.AwayFromZero)];
                if (float.IsFinite(v) && (e.Count == 0 || v > e[^1])) e.Add(v);
            }
            if (e.Count < 2) continue;
            chosen.Add(j);
            edges.Add([.. e]);
        }
        if (chosen.Count == 0) return null;
        int columns = edges.Sum(e => e.Length - 1);
        var unscaled = new PiecewiseLinearBins(chosen, edges, new float[columns], Enumerable.Repeat(1f, columns).ToArray());
        var sum = new double[columns];
        var squares = new double[columns];
        for (int i = 0; i < sample; i++)
        {
            ReadOnlySpan<float> x = features.Slice(Row(i) * featureCount, featureCount);
            for (int c = 0; c < columns; c++)
            {
                double v = unscaled.Bin(x[unscaled._columnFeature[c]], c);
                sum[c] += v;
                squares[c] += v * v;
            }
        }
        var means = new float[columns];
        var scales = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            double mean = sum[c] / sample, variance = Math.Max(0, squares[c] / sample - mean * mean), sd = Math.Sqrt(variance);
            means[c] = (float)mean;
            scales[c] = sd > 1e-6 ? (float)(1 / sd) : 1f;
        }
        return new PiecewiseLinearBins(chosen, edges, means, scales);
    }

    /// <summary>Whether <paramref name="other"/> is the same encoding, value for value.</summary>
    public bool SameAs(PiecewiseLinearBins? other) =>
        other is not null && other._features.SequenceEqual(_features) && other._edges.Length == _edges.Length
        && other._edges.Zip(_edges).All(p => p.First.AsSpan().SequenceEqual(p.Second))
        && other._means.AsSpan().SequenceEqual(_means) && other._scales.AsSpan().SequenceEqual(_scales);
}
