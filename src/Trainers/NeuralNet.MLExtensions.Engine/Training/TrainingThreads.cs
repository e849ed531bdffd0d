namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// How many threads a training run's kernels use: the setting's, unless one mini-batch is too little work to share.
/// A step hands every layer's products, the gather and the optimizer to the threads in turn, dozens of hand-offs per
/// step; below about <see cref="MinimumStepMultiplyAdds"/> multiply-adds per forward pass the hand-offs cost about
/// what the second core gives or more, and one thread trains as fast or faster (measured on 2 cores: a batch of 32
/// through a 26-100-4 ensemble of 8, 0.8 million, took ×1.11 the time on two threads; 784-256 at 6.5 million ×0.85;
/// the Fashion-MNIST network 784-256-128-10, 7.5 million, ×0.71). The choice never changes the result: every kernel
/// computes the same numbers on any number of threads.
/// </summary>
internal static class TrainingThreads
{
    /// <summary>Forward multiply-adds per mini-batch below which a run uses one thread.</summary>
    public const long MinimumStepMultiplyAdds = 6_000_000;

    /// <summary>
    /// The threads for training <paramref name="architecture"/> in batches of <paramref name="batch"/> rows: one when a
    /// batch's forward pass is under <paramref name="minimum"/> multiply-adds, otherwise <paramref name="requested"/>.
    /// </summary>
    public static int For(MlpArchitecture architecture, int batch, int requested, long minimum = MinimumStepMultiplyAdds) =>
        requested > 1 && StepMultiplyAdds(architecture, batch) < minimum ? 1 : requested;

    /// <summary>
    /// The forward pass's multiply-adds for one mini-batch: every member-row (batch × ensemble members) through every
    /// dense layer, plus the periodic embeddings' own products.
    /// </summary>
    public static long StepMultiplyAdds(MlpArchitecture architecture, int batch)
    {
        long perMemberRow = 0;
        for (int l = 0; l < architecture.LayerCount; l++) perMemberRow += (long)architecture.LayerInputSize(l) * architecture.LayerOutputSize(l);
        return (long)batch * (architecture.EnsembleSize * perMemberRow + architecture.EmbeddingParameterCount);
    }
}
