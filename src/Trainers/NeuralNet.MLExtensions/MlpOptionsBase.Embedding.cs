using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>The input-stage options: numeric feature embeddings and the per-input scale before the first dense layer.</summary>
public abstract partial class MlpOptionsBase
{
    /// <summary>
    /// Numeric feature embeddings before the first dense layer. Auto (the Tabular preset's): PiecewiseLinear unless more
    /// than 50 features would be encoded (wide, signal-like data such as images or spectra) or the data is streamed, then None.
    /// PiecewiseLinear (Gorishniy et al.'s PLE): every feature with more than two distinct values in the training data
    /// gets <see cref="EmbeddingBins"/> values beside its own, how far it lies through each bin between its training
    /// quantiles, which lets the network draw the step-like effects of counts and thresholds; fixed when training starts.
    /// Periodic (RealMLP's PBLD embeddings): <see cref="EmbeddingFrequencies"/> learnable cosines cos(2π·w·x + b) per
    /// such feature, mapped to <see cref="EmbeddingWidth"/> values. None (the Classic preset's): the first layer sees
    /// the scaled features. Columns with two values (one-hot columns) pass through as they are. Which features are
    /// encoded, and the bins, are decided from the training rows and saved with the model.
    /// </summary>
    public NumericEmbeddingKind NumericEmbedding { get => _numericEmbedding ?? Values.NumericEmbedding; set => _numericEmbedding = value; }
    private NumericEmbeddingKind? _numericEmbedding;

    /// <summary>
    /// Quantile bins per piecewise-linear encoded feature, 1–256. Default 16 (fewer for a feature with fewer distinct
    /// quantiles). Used with NumericEmbedding PiecewiseLinear or Auto.
    /// </summary>
    public int EmbeddingBins { get; set; } = MlpDefaults.EmbeddingBins;

    /// <summary>Learnable frequencies (cosines) per embedded feature, 1–256. Default 16. Used with NumericEmbedding Periodic.</summary>
    public int EmbeddingFrequencies { get; set; } = MlpDefaults.EmbeddingFrequencies;

    /// <summary>
    /// Values each embedded feature adds beside its own, 1–256. Default 3, so the first layer sees 4 inputs per
    /// embedded feature. Used with NumericEmbedding Periodic.
    /// </summary>
    public int EmbeddingWidth { get; set; } = MlpDefaults.EmbeddingWidth;

    /// <summary>
    /// A learnable scale per input of the first dense layer (after any embedding), starting at 1: RealMLP's scaling
    /// layer, a soft feature selection. Default false. Not penalised by L2Regularization or WeightDecay.
    /// </summary>
    public bool FeatureScaleLayer { get; set; } = MlpDefaults.FeatureScaleLayer;
}
