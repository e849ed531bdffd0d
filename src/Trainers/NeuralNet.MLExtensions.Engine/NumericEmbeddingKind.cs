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
    /// <see cref="Periodic"/> unless more than <see cref="MlpDefaults.AutoEmbeddingMaxFeatures"/> features would be
    /// embedded (wide, pixel-like inputs such as Fashion-MNIST's 784), where it is <see cref="None"/>.
    /// </summary>
    Auto = 2,
}
