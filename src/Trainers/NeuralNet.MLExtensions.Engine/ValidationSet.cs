namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Rows to measure the network on after every epoch, never trained on. Features are raw: the engine applies the
/// training standardisation itself.
/// </summary>
/// <param name="Features">[rows×featureCount] row-major.</param>
/// <param name="Labels">[rows] in 0..classCount−1 (all 0 for regression).</param>
/// <param name="Weights">[rows] finite and ≥ 0, or null for equal weights.</param>
public sealed record ValidationSet(float[] Features, int[] Labels, float[]? Weights)
{
    /// <summary>Number of rows.</summary>
    public int Rows => Labels.Length;

    /// <summary>Regression: the targets, [rows] finite, in their own units; otherwise null.</summary>
    public float[]? Targets { get; init; }

    /// <summary>Validation rows for regression: features [rows×featureCount], targets [rows], weights [rows] or null.</summary>
    public static ValidationSet ForRegression(float[] features, float[] targets, float[]? weights)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return new ValidationSet(features, new int[targets.Length], weights) { Targets = targets };
    }
}
