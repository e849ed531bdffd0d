using NeuralNet.MLExtensions.Engine.Settings;
using static NeuralNet.MLExtensions.Engine.Settings.SettingRules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>The input-stage settings: numeric feature embeddings and the per-input scale.</summary>
public sealed partial class MlpTrainingSettings
{
    /// <summary>
    /// Numeric feature embeddings before the first dense layer (see <see cref="NumericEmbeddingKind"/>). Which features
    /// are embedded (those with more than two distinct values in the training rows) is decided once, from the data
    /// given to training, and saved with the model; a warm start keeps the model's choice.
    /// </summary>
    public NumericEmbeddingKind NumericEmbedding { get; init; } = MlpDefaults.NumericEmbedding;
    /// <summary>Quantile bins per piecewise-linear encoded feature, 1..<see cref="MlpLimits.MaxEmbeddingBins"/> (fewer when a feature has fewer distinct quantiles).</summary>
    public int EmbeddingBins { get; init; } = MlpDefaults.EmbeddingBins;
    /// <summary>Cosines per embedded feature, 1..<see cref="MlpLimits.MaxEmbeddingFrequencies"/>.</summary>
    public int EmbeddingFrequencies { get; init; } = MlpDefaults.EmbeddingFrequencies;
    /// <summary>Values each embedded feature adds beside its own value, 1..<see cref="MlpLimits.MaxEmbeddingWidth"/>.</summary>
    public int EmbeddingWidth { get; init; } = MlpDefaults.EmbeddingWidth;
    /// <summary>A learnable scale s_j (initially 1) on every input of the first dense layer, after any embedding (RealMLP's scaling layer).</summary>
    public bool FeatureScaleLayer { get; init; } = MlpDefaults.FeatureScaleLayer;

    private SettingError? FindEmbeddingError() =>
        Defined(nameof(NumericEmbedding), NumericEmbedding)
        ?? Within(nameof(EmbeddingBins), EmbeddingBins, MlpLimits.MaxEmbeddingBins)
        ?? Within(nameof(EmbeddingFrequencies), EmbeddingFrequencies, MlpLimits.MaxEmbeddingFrequencies)
        ?? Within(nameof(EmbeddingWidth), EmbeddingWidth, MlpLimits.MaxEmbeddingWidth);

    private static SettingError? Within(string setting, int value, int maximum) =>
        value >= 1 && value <= maximum ? null : Fail(setting, value, $"must be in 1..{maximum}; got {value}.");

    /// <summary>The largest network the embeddings can give for this data (every feature embedded) against the size limit.</summary>
    private SettingError? FindEmbeddingSizeError(int featureCount, int outputs)
    {
        bool periodic = NumericEmbedding == NumericEmbeddingKind.Periodic;
        int embedded = periodic || NumericEmbedding == NumericEmbeddingKind.PiecewiseLinear
            || (NumericEmbedding == NumericEmbeddingKind.Auto && featureCount <= MlpDefaults.AutoEmbeddingMaxFeatures) ? featureCount : 0;
        if (embedded == 0 && !FeatureScaleLayer) return null;
        long width = featureCount + (long)embedded * (periodic ? EmbeddingWidth : EmbeddingBins);
        long parameters = (width > MlpLimits.MaxFeatureCount ? long.MaxValue / 4 : MlpLimits.ParameterCount((int)width, HiddenLayerSizes, outputs))
            + (periodic ? embedded * (2L * EmbeddingFrequencies + (long)EmbeddingWidth * EmbeddingFrequencies + EmbeddingWidth) : 0) + (FeatureScaleLayer ? width : 0);
        if (parameters <= MlpLimits.MaxParameterCount) return null;
        return Fail(nameof(NumericEmbedding), NumericEmbedding,
            $"would give a network of up to {Count(parameters)} parameters with {Count(featureCount)} features ({Count(width)} first-layer inputs), more than the {Count(MlpLimits.MaxParameterCount)} a saved model holds. Use NumericEmbedding None or Auto, a smaller EmbeddingWidth or EmbeddingBins, or fewer or narrower hidden layers.");
    }
}
