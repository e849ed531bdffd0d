namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>Which SIMD width the kernels use (see <see cref="KernelPath"/>); the widest the machine supports unless narrowed.</summary>
internal enum GemmPath
{
    Scalar = 0,
    Vector256 = 1,
    Vector512 = 2,
}

/// <summary>
/// What the kernels may use: the number of threads (persistent workers, see <see cref="WorkerPool"/>), the Gemm path,
/// and scratch space that is allocated once and reused, so the training loop allocates nothing per batch. One context
/// per training run or per scoring thread; not thread-safe. Disposing stops the workers (they also stop when idle).
/// </summary>
internal sealed class ComputeContext : IDisposable
{
    private float[] _scratch = [];
    private readonly float[][] _partScratch;
    private WorkerPool? _pool;

    /// <summary>A context using <paramref name="threads"/> threads (1 or more).</summary>
    public ComputeContext(int threads) : this(threads, BestPath)
    {
    }

    /// <summary>A context whose Gemm uses <paramref name="path"/> (tests use it to reach the fallbacks).</summary>
    public ComputeContext(int threads, GemmPath path)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The number of threads must be at least 1.");
        if (path > KernelPath.Hardware) throw new PlatformNotSupportedException($"Gemm path {path} is not supported on this machine (best {KernelPath.Hardware}).");
        Threads = threads;
        Path = path;
        _partScratch = new float[threads][];
        for (int i = 0; i < threads; i++) _partScratch[i] = [];
    }

    /// <summary>How many threads the kernels split their work over.</summary>
    public int Threads { get; }

    /// <summary>The Gemm micro-kernels in use.</summary>
    public GemmPath Path { get; }

    /// <summary>The Gemm path a context takes by default: the machine's fastest unless narrowed (<see cref="KernelPath.Default"/>).</summary>
    public static GemmPath BestPath => KernelPath.Default;

    internal GemmJob GemmJob { get; } = new();

    internal GemvJob GemvJob { get; } = new();

    /// <summary>A context for one thread, for scoring and tests.</summary>
    public static ComputeContext SingleThreaded() => new(1);

    /// <summary>A scratch buffer of at least <paramref name="length"/> floats; its contents are undefined.</summary>
    public float[] Scratch(int length)
    {
        if (_scratch.Length < length) _scratch = new float[length];
        return _scratch;
    }

    /// <summary>Worker <paramref name="worker"/>'s own scratch buffer of at least <paramref name="length"/> floats.</summary>
    public float[] WorkerScratch(int worker, int length)
    {
        if (_partScratch[worker].Length < length) _partScratch[worker] = new float[length];
        return _partScratch[worker];
    }

    /// <summary>
    /// body(tile, worker) for every tile in 0..<paramref name="tiles"/>−1, spread over the threads, whose workers then
    /// wait <paramref name="spinMicroseconds"/> for the next job before they block; with <paramref name="wakeIdleWorkers"/>
    /// false a lone job leaves blocked workers asleep; a <paramref name="coarse"/> job's few long tiles never run alone
    /// after a stall (<see cref="WorkerPool.Run"/>).
    /// </summary>
    public void Run(int tiles, TileAction body, int spinMicroseconds = WorkerPool.DefaultSpinMicroseconds, bool wakeIdleWorkers = true, bool coarse = false)
    {
        if (tiles <= 1 || Threads == 1)
        {
            for (int t = 0; t < tiles; t++) body(t, 0);
            return;
        }
        _pool ??= new WorkerPool(Threads);
        _pool.Run(tiles, body, spinMicroseconds, wakeIdleWorkers, coarse);
    }

    public void Dispose() => _pool?.Dispose();
}
