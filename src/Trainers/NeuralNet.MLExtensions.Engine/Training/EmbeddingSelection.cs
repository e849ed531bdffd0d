namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Decides a run's input stage (<see cref="InputEmbedding"/>) from the settings and the training rows: which features
/// get periodic embeddings or piecewise-linear encodings (those with more than two distinct values; two-valued one-hot
/// columns pass through, so one-hot-heavy data does not multiply the first layer's width), the encodings' bins (from
/// the rows as the network sees them, after scaling), whether <see cref="NumericEmbeddingKind.Auto"/> encodes at all (at
/// most <see cref="MlpDefaults.AutoEmbeddingMaxFeatures"/> such features), and the per-input scale.
/// A warm start keeps its model's stage, after checking that the settings describe it.
/// </summary>
internal static class EmbeddingSelection
{
    /// <summary>
    /// The stage for the training rows features: [rows×featureCount] as the network sees them (scaled), or null when
    /// the settings ask for none.
    /// </summary>
    public static InputEmbedding? Choose(MlpTrainingSettings settings, ReadOnlySpan<float> features, int rows, int featureCount)
    {
        if (settings.NumericEmbedding == NumericEmbeddingKind.None) return Periodic(settings, []);
        int[] manyValued = ManyValued(features, rows, featureCount);
        if (settings.NumericEmbedding == NumericEmbeddingKind.Periodic) return Periodic(settings, manyValued);
        if (settings.NumericEmbedding == NumericEmbeddingKind.Auto && manyValued.Length > MlpDefaults.AutoEmbeddingMaxFeatures) return Periodic(settings, []);
        var bins = manyValued.Length == 0 ? null : PiecewiseLinearBins.Fit(features, rows, featureCount, manyValued, settings.EmbeddingBins);
        return bins is not null ? new InputEmbedding(bins, settings.FeatureScaleLayer) : Periodic(settings, []);
    }

    /// <summary>
    /// The stage given the features with more than two distinct values (<paramref name="manyValued"/>, counted
    /// elsewhere) but not the rows: a streamed run. Piecewise-linear encodings need the rows' quantiles, so
    /// <see cref="NumericEmbeddingKind.Auto"/> gives none there and <see cref="NumericEmbeddingKind.PiecewiseLinear"/> is refused.
    /// </summary>
    public static InputEmbedding? Choose(MlpTrainingSettings settings, int[] manyValued)
    {
        ThrowIfEncodingStreamed(settings, "");
        return Periodic(settings, settings.NumericEmbedding == NumericEmbeddingKind.Periodic ? manyValued : []);
    }

    /// <summary>
    /// Refuses <see cref="NumericEmbeddingKind.PiecewiseLinear"/> for a streamed run (<paramref name="why"/>, e.g.
    /// " (over the memory budget)", follows "streamed"): the trainer calls it before the first pass, so data larger than
    /// memory is not read in full only to be refused.
    /// </summary>
    public static void ThrowIfEncodingStreamed(MlpTrainingSettings settings, string why)
    {
        if (settings.NumericEmbedding == NumericEmbeddingKind.PiecewiseLinear)
            throw new ArgumentOutOfRangeException(nameof(settings.NumericEmbedding), settings.NumericEmbedding,
                $"NumericEmbedding is PiecewiseLinear, but the training data is streamed{why}, and the encoding's bins need the rows' quantiles before training. " +
                "Use NumericEmbedding Auto (none when streamed), Periodic or None, or DataPath InMemory.");
    }

    /// <summary>Periodic embeddings of <paramref name="embedded"/> (none when empty) and the per-input scale if asked; null for neither.</summary>
    private static InputEmbedding? Periodic(MlpTrainingSettings settings, int[] embedded) =>
        embedded.Length == 0 && !settings.FeatureScaleLayer ? null
        : new InputEmbedding(embedded, settings.EmbeddingFrequencies, settings.EmbeddingWidth, settings.FeatureScaleLayer);

    /// <summary>The indices of the features with more than two distinct values among the rows, in order.</summary>
    public static int[] ManyValued(ReadOnlySpan<float> features, int rows, int featureCount)
    {
        var first = new float[featureCount];
        var second = new float[featureCount];
        var seen = new byte[featureCount];   // distinct values seen so far, counting stops at 3
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = features.Slice(r * featureCount, featureCount);
            for (int j = 0; j < featureCount; j++)
            {
                float v = row[j];
                switch (seen[j])
                {
                    case 0: (first[j], seen[j]) = (v, 1); break;
                    case 1: if (!v.Equals(first[j])) (second[j], seen[j]) = (v, 2); break;
                    case 2: if (!v.Equals(first[j]) && !v.Equals(second[j])) seen[j] = 3; break;
                }
            }
        }
        return [.. Enumerable.Range(0, featureCount).Where(j => seen[j] == 3)];
    }

    /// <summary>The warm start's stage, or an error naming the setting that describes another.</summary>
    public static InputEmbedding? FromWarmStart(MlpTrainingSettings settings, InputEmbedding? model)
    {
        bool periodic = model is { IsPeriodic: true }, encoded = model is { IsPiecewiseLinear: true };
        string modelKind = periodic ? "Periodic" : encoded ? "PiecewiseLinear" : "None";
        if (settings.NumericEmbedding == NumericEmbeddingKind.None && (periodic || encoded))
            throw Mismatch("NumericEmbedding", settings.NumericEmbedding, periodic ? $"the model embeds {model!.EmbeddedFeatures.Count} features periodically"
                : $"the model encodes {model!.PiecewiseLinear!.Features.Count} features piecewise-linearly", $"{modelKind} or Auto");
        if (settings.NumericEmbedding == NumericEmbeddingKind.Periodic && !periodic)
            throw Mismatch("NumericEmbedding", settings.NumericEmbedding, "the model has no periodic embeddings", $"{modelKind} or Auto");
        if (settings.NumericEmbedding == NumericEmbeddingKind.PiecewiseLinear && !encoded)
            throw Mismatch("NumericEmbedding", settings.NumericEmbedding, "the model has no piecewise-linear encodings", $"{modelKind} or Auto");
        if (periodic && settings.EmbeddingFrequencies != model!.Frequencies)
            throw Mismatch("EmbeddingFrequencies", settings.EmbeddingFrequencies, $"the model's embeddings have {model.Frequencies}", model.Frequencies.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (periodic && settings.EmbeddingWidth != model!.EmbeddingWidth)
            throw Mismatch("EmbeddingWidth", settings.EmbeddingWidth, $"the model's embeddings have width {model.EmbeddingWidth}", model.EmbeddingWidth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        bool scale = model is { FeatureScale: true };
        if (settings.FeatureScaleLayer != scale)
            throw Mismatch("FeatureScaleLayer", settings.FeatureScaleLayer, scale ? "the model has a feature scale layer" : "the model has none", scale ? "true" : "false");
        return model;
    }

    private static ArgumentException Mismatch(string setting, object value, string model, string fix) =>
        new($"{setting} is {value}, but {model}; warm start needs the same input stage. Set {setting} to {fix}.", "warmStart");
}
