namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Rows to measure the network on after every epoch, never trained on. Features are raw: the engine applies the
/// training standardisation itself.
/// </summary>
/// <param name="Features">[rows×featureCount] row-major.</param>
/// <param name="Labels">[rows] in 0..classCount−1.</param>
/// <param name="Weights">[rows] finite and ≥ 0, or null for equal weights.</param>
public sealed record ValidationSet(float[] Features, int[] Labels, float[]? Weights)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Labels.Length;
}
