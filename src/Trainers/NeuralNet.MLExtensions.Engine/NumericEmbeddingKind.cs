namespace NeuralNet.MLExtensions.Engine;

/// <summary>How numeric features are embedded before the first dense layer.</summary>
public enum NumericEmbeddingKind
{
    /// <summary>No embedding: the first dense layer sees the (standardised) features as they are.</summary>
    None = 0,

    /// <summary>
    /// Periodic embeddings (RealMLP's PBLD): every feature with more than two distinct training values gets
    /// <see cref="MlpTrainingSettings.EmbeddingFrequencies"/> cosines cos(2π(wₖx + bₖ)) mapped linearly to
    /// <see cref="MlpTrainingSettings.EmbeddingWidth"/> values, and keeps its own value beside them; two-valued
    /// (one-hot) columns pass through unembedded.
    /// </summary>
    Periodic = 1,

    /// <summary>
    /// <see cref="PiecewiseLinear"/> unless more than <see cref="MlpDefaults.AutoEmbeddingMaxFeatures"/> features would
    /// be encoded (wide inputs such as pixels: digits' 64, Fashion-MNIST's 784), where it is <see cref="None"/>; also None when
    /// the training data is streamed (the encoding needs the rows' quantiles before training).
    /// </summary>
    Auto = 2,

    /// <summary>
    /// Piecewise-linear encodings over quantile bins (Gorishniy et al.'s PLE): every feature with more than two
    /// distinct training values gets <see cref="MlpTrainingSettings.EmbeddingBins"/> values, how far it lies through
    /// each bin between its training quantiles (see <see cref="PiecewiseLinearBins"/>), beside its own value; two-valued
    /// (one-hot) columns pass through. Fixed when training starts, no parameters. Needs the rows in memory.
    /// </summary>
    PiecewiseLinear = 3,
}
