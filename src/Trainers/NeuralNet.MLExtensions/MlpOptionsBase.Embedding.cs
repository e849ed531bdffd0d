using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>The input-stage options: numeric feature embeddings and the per-input scale before the first dense layer.</summary>
public abstract partial class MlpOptionsBase
{
    /// <summary>
    /// Numeric feature embeddings before the first dense layer. None (default): the first layer sees the standardised
    /// features. Periodic (RealMLP's PBLD embeddings): every feature with more than two distinct values in the training
    /// data gets <see cref="EmbeddingFrequencies"/> learnable cosines cos(2π·w·x + b), mapped to
    /// <see cref="EmbeddingWidth"/> values that the first layer sees beside the feature itself; columns with two values
    /// (one-hot columns) pass through as they are. Auto: Periodic unless more than 100 features would be embedded
    /// (wide, pixel-like data such as images), then None. Which features are embedded is decided from the training data
    /// and saved with the model. Helps most where a target depends on a feature in a non-monotone or sharp way.
    /// </summary>
    public NumericEmbeddingKind NumericEmbedding { get; set; } = MlpDefaults.NumericEmbedding;

    /// <summary>Learnable frequencies (cosines) per embedded feature, 1–256. Default 16. Used with NumericEmbedding Periodic or Auto.</summary>
    public int EmbeddingFrequencies { get; set; } = MlpDefaults.EmbeddingFrequencies;

    /// <summary>
    /// Values each embedded feature adds beside its own, 1–256. Default 3, so the first layer sees 4 inputs per
    /// embedded feature. Used with NumericEmbedding Periodic or Auto.
    /// </summary>
    public int EmbeddingWidth { get; set; } = MlpDefaults.EmbeddingWidth;

    /// <summary>
    /// A learnable scale per input of the first dense layer (after any embedding), starting at 1: RealMLP's scaling
    /// layer, a soft feature selection. Default false. Not penalised by L2Regularization or WeightDecay.
    /// </summary>
    public bool FeatureScaleLayer { get; set; } = MlpDefaults.FeatureScaleLayer;
}
