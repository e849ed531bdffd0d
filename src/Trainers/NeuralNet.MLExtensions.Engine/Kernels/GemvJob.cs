namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// One <see cref="Gemv.MultiplyParts"/> call: the columns cut into parts of <see cref="Gemv.SplitColumns"/> (the last
/// takes the rest), each stored contiguously (<see cref="Gemv.ToParts"/>). The point of the split is that each core
/// keeps streaming the same parts, call after call, so that its share of the weights stays in its own cache: thread w
/// takes the parts p with p mod threads = w when it can, and a part left over (a late thread) goes to whichever thread
/// asks next. Each thread lists x's nonzero inputs itself (a few hundred compares, cheaper
/// than handing a list over). Reused by its context: allocates nothing per call once its part count has been seen.
/// </summary>
internal sealed unsafe class GemvJob
{
    /// <summary>
    /// How long the second core waits for the next row before it blocks: 50 µs, enough for rows scored back to back
    /// (a few µs apart) without keeping a core busy long after a lone call. A row that finds it blocked or gone is
    /// scored on the caller alone, waking nothing, unless the previous row ended less than 1 ms before.
    /// </summary>
    public const int SpinMicroseconds = 50;

    /// <summary>Split products run by the calling thread (tests check that the split is taken).</summary>
    [ThreadStatic] internal static long RunsOnThisThread;

    private readonly TileAction _body;
    private GemmPath _path;
    private float* _x, _b, _y;
    private int _k, _n, _parts, _threads;
    private int[] _claimed = [];

    public GemvJob() => _body = Tile;

    public void Run(ComputeContext context, ReadOnlySpan<float> x, ReadOnlySpan<float> parts, int n, Span<float> y)
    {
        fixed (float* px = x)
        fixed (float* pb = parts)
        fixed (float* py = y)
        {
            _x = px;
            _b = pb;
            _y = py;
            (_path, _k, _n, _parts, _threads) = (context.Path, x.Length, n, n / Gemv.SplitColumns, context.Threads);
            if (_claimed.Length < _parts) _claimed = new int[_parts];
            Array.Clear(_claimed, 0, _parts);
            try
            {
                // One tile per part: each tile claims one part, its thread's own if still free.
                context.Run(_parts, _body, SpinMicroseconds, wakeIdleWorkers: false);
                RunsOnThisThread++;
            }
            finally
            {
                _x = _b = _y = null;
            }
        }
    }

    private void Tile(int tile, int worker)
    {
        for (int p = worker; p < _parts; p += _threads)
            if (Interlocked.Exchange(ref _claimed[p], 1) == 0)
            {
                Part(p);
                return;
            }
        for (int p = 0; p < _parts; p++)
            if (Interlocked.Exchange(ref _claimed[p], 1) == 0)
            {
                Part(p);
                return;
            }
    }

    // Part p: columns [p·128, p·128 + 128), the last part to n, stored as [k×count] at k·first.
    private void Part(int p)
    {
        int first = p * Gemv.SplitColumns;
        int count = p == _parts - 1 ? _n - first : Gemv.SplitColumns;
        Gemv.Columns(_path, _x, _k, _b + (long)_k * first, count, count, _y + first);
    }
}
