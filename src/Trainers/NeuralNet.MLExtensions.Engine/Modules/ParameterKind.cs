namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>What a block of the flat parameter buffer is, which decides how training treats it.</summary>
internal enum ParameterKind
{
    /// <summary>Multiplicative weights: L2 and L1 penalties and decoupled weight decay apply, and their gradient norm is reported per layer.</summary>
    Weight = 0,
    /// <summary>Additive offsets: never penalised or decayed.</summary>
    Bias = 1,
}
