using System.Numerics.Tensors;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// Periodic embeddings of numeric features before the first dense layer, RealMLP's PBLD (periodic, bias, linear,
/// DenseNet): each embedded feature x_j gets k cosines c_f = cos(2π·w_f·x_j + b_f) with its own frequencies w and phases
/// b, a linear map e = L·c + β to E values (L: [E×k]), and keeps its own value beside them. The output row is the d
/// inputs as they are, then E values per embedded feature: d + m·E wide for m embedded features. Features left out
/// (two-valued, one-hot columns) appear only among the d inputs. Parameters are four
/// <see cref="ParameterKind.Embedding"/> ranges: w [m×k], b [m×k], L [m×E×k], β [m×E].
/// </summary>
internal sealed class PeriodicEmbedding : Module
{
    private const float TwoPi = 2f * MathF.PI;
    private readonly int[] _features;
    private readonly int _k, _e;

    public PeriodicEmbedding(int inputWidth, IReadOnlyList<int> features, int frequencies, int width, IReadOnlyList<ParameterRange> ranges)
        : base(inputWidth, checked(inputWidth + features.Count * width))
    {
        _features = features.ToArray();
        (_k, _e) = (frequencies, width);
        int m = _features.Length;
        long[] lengths = [(long)m * _k, (long)m * _k, (long)m * _e * _k, (long)m * _e];
        if (ranges.Count != 4 || Enumerable.Range(0, 4).Any(i => ranges[i].Kind != ParameterKind.Embedding || ranges[i].Length != lengths[i]))
            throw new ArgumentException($"Periodic embeddings of {m} features ({_k} frequencies, width {_e}) need embedding ranges of [{string.Join(", ", lengths)}] values; got [{string.Join(", ", ranges)}].", nameof(ranges));
        (Frequencies, Phases, Map, MapBias) = (ranges[0], ranges[1], ranges[2], ranges[3]);
    }

    /// <summary>The blocks it registers: w [m×k], b [m×k], L [m×E×k], β [m×E].</summary>
    public static ParameterBlock[] Blocks(int features, int frequencies, int width) =>
    [
        new(ParameterKind.Embedding, (long)features * frequencies, 0), new(ParameterKind.Embedding, (long)features * frequencies, 0),
        new(ParameterKind.Embedding, (long)features * width * frequencies, 0), new(ParameterKind.Embedding, (long)features * width, 0),
    ];

    /// <summary>The inputs embedded, in output order (feature i's E values follow the d inputs at d + i·E).</summary>
    public IReadOnlyList<int> EmbeddedFeatures => _features;

    /// <summary>Cosines per embedded feature (k).</summary>
    public int FrequencyCount => _k;

    /// <summary>Values each embedded feature adds (E).</summary>
    public int EmbeddingWidth => _e;

    public ParameterRange Frequencies { get; }
    public ParameterRange Phases { get; }
    public ParameterRange Map { get; }
    public ParameterRange MapBias { get; }

    /// <summary>Training keeps each embedded feature's k cosines and k sines: [cos m·k | sin m·k] per row.</summary>
    public override int SavedWidth => 2 * _features.Length * _k;

    /// <summary>
    /// As RealMLP initialises PBLD: w ~ N(0, σ²), b ~ U[−π, π], L and β ~ U[−1/√k, 1/√k].
    /// </summary>
    public void Initialize(SeededRandom random, float sigma, Span<float> parameters)
    {
        foreach (ref float v in Frequencies.Of(parameters)) v = (float)(sigma * random.NextGaussian());
        foreach (ref float v in Phases.Of(parameters)) v = (float)((2 * random.NextDouble() - 1) * Math.PI);
        double limit = 1 / Math.Sqrt(_k);
        foreach (ref float v in Map.Of(parameters)) v = (float)((2 * random.NextDouble() - 1) * limit);
        foreach (ref float v in MapBias.Of(parameters)) v = (float)((2 * random.NextDouble() - 1) * limit);
    }

    /// <summary>
    /// x: [batch×d] → y: [batch×(d + m·E)] = [x | L_i·cos(2π·w_i·x_j + b_i) + β_i for each embedded feature i = j's slot].
    /// saved: [batch×2mk] the cosines and sines, or empty (scoring: a k-value scratch on the stack instead).
    /// </summary>
    public override void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("output", y.Length, batch, OutputWidth);
        if (!saved.IsEmpty) CheckRows("cosines and sines", saved.Length, batch, SavedWidth);
        ReadOnlySpan<float> p = pass.Parameters, w = Frequencies.Of(p), b = Phases.Of(p), map = Map.Of(p), beta = MapBias.Of(p);
        int d = InputWidth, m = _features.Length, k = _k, e = _e, mk = m * k;
        Span<float> scratch = saved.IsEmpty ? stackalloc float[k] : default;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> xr = x.Slice(r * d, d);
            Span<float> yr = y.Slice(r * OutputWidth, OutputWidth);
            xr.CopyTo(yr);
            for (int i = 0; i < m; i++)
            {
                Span<float> c = saved.IsEmpty ? scratch : saved.Slice(r * SavedWidth + i * k, k);
                // a = 2π·x_j·w + b, formed in c, then c = cos(a) (the sines first, when training keeps them).
                TensorPrimitives.MultiplyAdd(w.Slice(i * k, k), TwoPi * xr[_features[i]], b.Slice(i * k, k), c);
                if (!saved.IsEmpty) TensorPrimitives.Sin(c, saved.Slice(r * SavedWidth + mk + i * k, k));
                TensorPrimitives.Cos(c, c);
                Span<float> yi = yr.Slice(d + i * e, e);
                for (int o = 0; o < e; o++) yi[o] = beta[i * e + o] + TensorPrimitives.Dot(map.Slice((i * e + o) * k, k), c);
            }
        }
    }

    /// <summary>
    /// dy: [batch×(d + m·E)] → dx: [batch×d] (unless empty) = dy's first d columns plus, for embedded x_j,
    /// Σ_f da_f·2π·w_f with da = −(Lᵀ·de) ⊙ sin; and, overwriting, dβ = Σ_rows de, dL = Σ_rows de·cᵀ,
    /// dw = Σ_rows da·2π·x_j, db = Σ_rows da, where de is the feature's E columns of dy and c, sin come from saved.
    /// </summary>
    public override void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved,
        Span<float> dy, int batch, Span<float> dx)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("error signal", dy.Length, batch, OutputWidth);
        CheckRows("cosines and sines", saved.Length, batch, SavedWidth);
        if (!dx.IsEmpty) CheckRows("input gradient", dx.Length, batch, InputWidth);
        ReadOnlySpan<float> p = pass.Parameters, w = Frequencies.Of(p), map = Map.Of(p);
        Span<float> g = pass.Gradients, dw = Frequencies.Of(g), db = Phases.Of(g), dmap = Map.Of(g), dbeta = MapBias.Of(g);
        dw.Clear();
        db.Clear();
        dmap.Clear();
        dbeta.Clear();
        int d = InputWidth, m = _features.Length, k = _k, e = _e, mk = m * k;
        Span<float> da = stackalloc float[k];
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> dyr = dy.Slice(r * OutputWidth, OutputWidth);
            if (!dx.IsEmpty) dyr[..d].CopyTo(dx.Slice(r * d, d));
            for (int i = 0; i < m; i++)
            {
                ReadOnlySpan<float> de = dyr.Slice(d + i * e, e);
                ReadOnlySpan<float> c = saved.Slice(r * SavedWidth + i * k, k), sin = saved.Slice(r * SavedWidth + mk + i * k, k);
                da.Clear();
                for (int o = 0; o < e; o++)
                {
                    float deo = de[o];
                    dbeta[i * e + o] += deo;
                    Span<float> dl = dmap.Slice((i * e + o) * k, k);
                    TensorPrimitives.MultiplyAdd(c, deo, dl, dl);
                    TensorPrimitives.MultiplyAdd(map.Slice((i * e + o) * k, k), deo, da, da);   // da = Lᵀ·de so far
                }
                TensorPrimitives.Multiply(da, sin, da);
                TensorPrimitives.Negate(da, da);                                                 // da = −(Lᵀ·de) ⊙ sin
                Span<float> db_i = db.Slice(i * k, k), dw_i = dw.Slice(i * k, k);
                TensorPrimitives.Add(db_i, da, db_i);
                int j = _features[i];
                TensorPrimitives.MultiplyAdd(da, TwoPi * x[r * d + j], dw_i, dw_i);
                if (!dx.IsEmpty) dx[r * d + j] += TwoPi * TensorPrimitives.Dot(da, w.Slice(i * k, k));
            }
        }
    }

    public override string ToString() => $"Periodic embedding ({_features.Length} of {InputWidth} features, {_k} frequencies → {_e})";
}
