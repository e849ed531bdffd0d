namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// The largest network the engine trains and the most threads it runs, checked by
/// <see cref="MlpTrainingSettings.Validate"/> and <see cref="MlpTrainingSettings.ValidateForData"/> before anything is
/// allocated. The size limits keep every trained network within what a saved model can hold and load again.
/// </summary>
public static class MlpLimits
{
    /// <summary>
    /// At most 67,108,864 (2^26) trainable parameters. A saved model holds at most 1 GiB; the parameters (4 bytes each)
    /// and Adam's two moment buffers kept for warm starts (8 bytes) take 12 bytes per parameter, 768 MiB at this limit,
    /// which leaves 256 MiB for the feature standardisation, the class names and the history.
    /// </summary>
    public const long MaxParameterCount = 1L << 26;

    /// <summary>At most 256 hidden layers, the most a saved model holds.</summary>
    public const int MaxHiddenLayers = 256;

    /// <summary>At most 1,048,576 (2^20) units in one hidden layer, the widest a saved model holds.</summary>
    public const int MaxLayerSize = 1 << 20;

    /// <summary>At most 16,777,216 (2^24) input features, the most a saved model holds.</summary>
    public const int MaxFeatureCount = 1 << 24;

    /// <summary>At most 1,048,576 (2^20) classes, the most a saved model holds.</summary>
    public const int MaxClassCount = 1 << 20;

    /// <summary>At most 256 periodic-embedding frequencies per feature.</summary>
    public const int MaxEmbeddingFrequencies = 256;

    /// <summary>At most 256 values added per embedded feature.</summary>
    public const int MaxEmbeddingWidth = 256;
    /// <summary>Most bins per piecewise-linear encoded feature: 256.</summary>
    public const int MaxEmbeddingBins = 256;

    /// <summary>
    /// At most 64 members in a parameter-efficient ensemble (the TabM paper uses 32): each member multiplies the work of
    /// every layer, so more would cost far more than they could add.
    /// </summary>
    public const int MaxEnsembleSize = 64;

    /// <summary>
    /// The most kernel threads: twice the processor count. The model is the same for any count, and more threads than
    /// processors only slow training (the workers spin while they wait), so a count far above it is a mistake; twice
    /// leaves room for a count chosen on a machine with more cores, or for comparing 1 and 2 threads on one core.
    /// </summary>
    public static int MaxThreads => 2 * Environment.ProcessorCount;

    /// <summary>
    /// Parameters (weights and biases) of a network with these layer widths, in long arithmetic: exact for widths
    /// within the limits above (and for any feature count), so it is checked before anything is allocated.
    /// </summary>
    internal static long ParameterCount(int featureCount, IReadOnlyList<int> hiddenLayerSizes, int classCount, int ensembleSize = 1)
    {
        ArgumentNullException.ThrowIfNull(hiddenLayerSizes);
        long count = 0, width = featureCount;
        foreach (int size in hiddenLayerSizes)
        {
            count += (width + 1) * size;
            width = size;
        }
        // An ensemble has one output head per member and one input scale vector per member.
        long k = Math.Clamp(ensembleSize, 1, MaxEnsembleSize);
        return count + (width + 1) * classCount * k + (k == 1 ? 0 : k * featureCount);
    }
}
