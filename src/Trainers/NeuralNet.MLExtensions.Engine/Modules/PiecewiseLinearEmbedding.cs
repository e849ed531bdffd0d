namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// Piecewise-linear encodings before the first dense layer (<see cref="PiecewiseLinearBins"/>): the output row is the d
/// inputs as they are, then the encoding's C columns. It has no parameters: the edges and column statistics are fixed
/// when training starts.
/// </summary>
internal sealed class PiecewiseLinearEmbedding : Module
{
    private readonly PiecewiseLinearBins _bins;

    public PiecewiseLinearEmbedding(int inputWidth, PiecewiseLinearBins bins)
        : base(inputWidth, checked(inputWidth + bins.ColumnCount))
    {
        if (bins.Features[^1] >= inputWidth)
            throw new ArgumentException($"The encoding reads feature {bins.Features[^1]}, but the module has {inputWidth} inputs.", nameof(bins));
        _bins = bins;
    }

    /// <summary>The encoding.</summary>
    public PiecewiseLinearBins Bins => _bins;

    /// <summary>x: [batch×d] → y: [batch×(d + C)] = [x | (clip((x_j − left_c)/width_c) − mean_c)·scale_c for each column c].</summary>
    public override void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("output", y.Length, batch, OutputWidth);
        int d = InputWidth, w = OutputWidth;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> xr = x.Slice(r * d, d);
            Span<float> yr = y.Slice(r * w, w);
            xr.CopyTo(yr);
            _bins.Encode(xr, yr[d..]);
        }
    }

    /// <summary>
    /// dy: [batch×(d + C)] → dx: [batch×d] (unless empty) = dy's first d columns plus, for each column c of feature j,
    /// dy_c·scale_c/width_c where x_j lies inside c's unclipped range. No parameter gradients.
    /// </summary>
    public override void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved,
        Span<float> dy, int batch, Span<float> dx)
    {
        if (dx.IsEmpty) return;
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("error signal", dy.Length, batch, OutputWidth);
        CheckRows("input gradient", dx.Length, batch, InputWidth);
        int d = InputWidth, w = OutputWidth;
        ReadOnlySpan<int> feature = _bins.ColumnFeature;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> xr = x.Slice(r * d, d), dyr = dy.Slice(r * w, w);
            Span<float> dxr = dx.Slice(r * d, d);
            dyr[..d].CopyTo(dxr);
            for (int c = 0; c < feature.Length; c++)
                dxr[feature[c]] += dyr[d + c] * _bins.Slope(xr[feature[c]], c);
        }
    }

    public override string ToString() => $"Piecewise-linear encoding ({_bins.Features.Count} of {InputWidth} features, {_bins.ColumnCount} bins)";
}
