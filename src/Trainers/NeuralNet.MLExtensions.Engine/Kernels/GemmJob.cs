using System.Runtime.Intrinsics;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>
/// One <see cref="Gemm.Multiply"/> call, cut into fixed tiles of C: a block of up to <see cref="MC"/> rows (aligned to
/// 8) × a group of 32-column panels. A tile loops: k in blocks of <see cref="KC"/> → pack its panels of op(B)[kc×32]
/// into its thread's scratch (zero-padded) → panels → 8-row micro-tiles reading A in place. A B panel (kc·32 floats,
/// 32 KB) stays in L1 while the A block (MC×kc) streams from L2. Tiles are handed to threads dynamically, but what a
/// tile computes is fixed by its index, so results are bit-identical for any thread count. Reused by its context:
/// allocates nothing per call.
/// </summary>
internal sealed unsafe class GemmJob
{
    public const int MR = GemmKernels.MR, NR = GemmKernels.NR, KC = 256, MC = 256;

    private readonly TileAction _body;
    private ComputeContext _context = null!;
    private float* _a, _b, _c;
    private int _m, _n, _k, _panels, _groupPanels, _groups, _rowTile;
    private bool _transA, _transB, _accumulate;

    public GemmJob() => _body = Tile;

    public void Run(ComputeContext context, bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, bool accumulate)
    {
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            _a = pa;
            _b = pb;
            _c = pc;
            (_context, _m, _n, _k, _transA, _transB, _accumulate) = (context, m, n, k, transA, transB, accumulate);
            _panels = (n + NR - 1) / NR;
            // About 16 panel groups across n; one panel means few columns, so cut the rows finer instead.
            _groupPanels = Math.Max(1, _panels / 16);
            _groups = (_panels + _groupPanels - 1) / _groupPanels;
            _rowTile = _groups > 1 ? MC : 4 * MR;
            int rowTiles = (m + _rowTile - 1) / _rowTile;
            try
            {
                // Small products are not worth a second thread (the split never changes the arithmetic).
                if (2.0 * m * n * k < 400_000 || context.Threads == 1)
                    for (int t = 0; t < rowTiles * _groups; t++) Tile(t, 0);
                else
                    context.Run(rowTiles * _groups, _body);
            }
            finally
            {
                _a = _b = _c = null;
                _context = null!;
            }
        }
    }

    // Tile t: rows [i0, i1) × panels [q0, q1), fixed by t and the shape alone.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Tile(int t, int worker)
    {
        int i0 = t / _groups * _rowTile, i1 = Math.Min(_m, i0 + _rowTile);
        int q0 = t % _groups * _groupPanels, q1 = Math.Min(_panels, q0 + _groupPanels);
        float[] scratch = _context.WorkerScratch(worker, Math.Min(KC, _k) * _groupPanels * NR);
        GemmPath path = _context.Path;
        fixed (float* packed = scratch)
        {
            // A[i,p] lives at a[i·rowStride + p·pStride].
            long rowStride = _transA ? 1 : _k, pStride = _transA ? _m : 1;
            for (int pc = 0; pc < _k; pc += KC)
            {
                int kc = Math.Min(KC, _k - pc);
                PackB(pc, kc, q0, q1, packed);
                bool load = _accumulate || pc > 0;
                for (int q = q0; q < q1; q++)
                {
                    float* panel = packed + (long)(q - q0) * kc * NR;
                    int j = q * NR, cols = Math.Min(NR, _n - j);
                    for (int i = i0; i < i1; i += MR)
                    {
                        float* a = _a + i * rowStride + pc * pStride;
                        GemmKernels.Tile(path, kc, a, rowStride, pStride, Math.Min(MR, i1 - i), panel, _c + (long)i * _n + j, _n, cols, load);
                    }
                }
            }
        }
    }

    // packed[q−q0][p][0..32) = op(B)[pc+p, q·32 + 0..32), zero beyond column n.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void PackB(int pc, int kc, int q0, int q1, float* packed)
    {
        for (int q = q0; q < q1; q++)
        {
            float* dst = packed + (long)(q - q0) * kc * NR;
            int j0 = q * NR, cols = Math.Min(NR, _n - j0);
            if (!_transB)
            {
                // B [k×n]: 32 consecutive floats of each row.
                float* src = _b + (long)pc * _n + j0;
                if (cols == NR && Vector512.IsHardwareAccelerated)
                {
                    for (int p = 0; p < kc; p++, src += _n, dst += NR)
                    {
                        Vector512.Load(src).Store(dst);
                        Vector512.Load(src + 16).Store(dst + 16);
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++, src += _n, dst += NR)
                {
                    new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(dst, cols));
                    if (cols < NR) new Span<float>(dst + cols, NR - cols).Clear();
                }
            }
            else
            {
                // B stored [n×k]: row j of the store is column j of op(B); read along k, write with stride 32.
                if (cols < NR) new Span<float>(dst, kc * NR).Clear();
                int jv = 0, pv = 0;
                if (_context.Path == GemmPath.Vector512 && Transpose16.IsSupported)
                {
                    // 16×16 blocks in registers; the ragged edges below element by element.
                    jv = cols & ~15;
                    pv = kc & ~15;
                    for (int jj = 0; jj < jv; jj += 16)
                        for (int p = 0; p < pv; p += 16)
                            Transpose16.Block(_b + (long)(j0 + jj) * _k + pc + p, _k, dst + p * NR + jj, NR);
                }
                for (int jj = 0; jj < cols; jj++)
                {
                    float* src = _b + (long)(j0 + jj) * _k + pc;
                    float* d = dst + jj;
                    for (int p = jj < jv ? pv : 0; p < kc; p++) d[p * NR] = src[p];
                }
            }
        }
    }
}
