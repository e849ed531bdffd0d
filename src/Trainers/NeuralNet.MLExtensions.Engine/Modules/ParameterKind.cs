namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>What a block of the flat parameter buffer is, which decides how training treats it.</summary>
internal enum ParameterKind
{
    /// <summary>Multiplicative weights: L2 and L1 penalties and decoupled weight decay apply, and their gradient norm is reported per layer.</summary>
    Weight = 0,
    /// <summary>Additive offsets: never penalised or decayed.</summary>
    Bias = 1,
    /// <summary>
    /// Per-member multiplicative factors that start at ±1 (an ensemble's adapters, <see cref="EnsembleAdapter"/>): never
    /// penalised or decayed, since decay would pull them towards 0 rather than towards where they start.
    /// </summary>
    Scale = 2,
    /// <summary>
    /// The input stage's parameters (embedding frequencies, phases and maps, per-input scales): never penalised or
    /// decayed, as Gorishniy et al.'s code keeps periodic and linear embeddings out of weight decay, and not part of
    /// any dense layer's gradient norm. Placed after every bias, so a network without them keeps its layout.
    /// </summary>
    Embedding = 3,
}
