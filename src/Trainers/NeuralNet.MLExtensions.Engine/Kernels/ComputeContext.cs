namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// What the kernels may use: the number of threads, and scratch space that is allocated once and reused, so the
/// training loop allocates nothing per batch. One context per training run or per scoring thread; not thread-safe.
/// </summary>
internal sealed class ComputeContext
{
    private float[] _scratch = [];

    /// <summary>A context using <paramref name="threads"/> threads (1 or more).</summary>
    public ComputeContext(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The number of threads must be at least 1.");
        Threads = threads;
    }

    /// <summary>How many threads the kernels split their work over.</summary>
    public int Threads { get; }

    /// <summary>A context for one thread, for scoring and tests.</summary>
    public static ComputeContext SingleThreaded() => new(1);

    /// <summary>A scratch buffer of at least <paramref name="length"/> floats; its contents are undefined.</summary>
    public float[] Scratch(int length)
    {
        if (_scratch.Length < length) _scratch = new float[length];
        return _scratch;
    }
}
