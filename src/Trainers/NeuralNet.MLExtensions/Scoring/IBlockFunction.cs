using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// A function from a row's feature vector to a fixed number of output floats, evaluated on blocks of rows at once
/// (one matrix product per block instead of one per row).
/// </summary>
internal interface IBlockFunction
{
    /// <summary>Length of the feature vector it takes.</summary>
    int InputSize { get; }

    /// <summary>Floats it produces per row.</summary>
    int OutputSize { get; }

    /// <summary>
    /// An evaluator with its own buffers, for one cursor or row (evaluators are not thread-safe), splitting each block
    /// over <paramref name="threads"/> threads. The values of a row do not depend on the block or the thread count.
    /// </summary>
    IBlockEvaluator CreateEvaluator(int threads);
}

/// <summary>Evaluates an <see cref="IBlockFunction"/>: rows of InputSize features → outputs [rows×OutputSize].</summary>
internal interface IBlockEvaluator
{
    /// <summary>Rows given as one array [rows×InputSize].</summary>
    void Evaluate(ReadOnlySpan<float> features, int rows, Span<float> outputs);

    /// <summary>Rows held apart, each read once (a cursor's per-row buffers, which the input's getter fills in place).</summary>
    void Evaluate(FeatureRows features, int rows, Span<float> outputs);
}
