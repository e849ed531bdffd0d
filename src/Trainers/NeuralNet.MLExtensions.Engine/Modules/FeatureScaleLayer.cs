using System.Numerics.Tensors;

namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// RealMLP's scaling layer: y_j = s_j·x_j with one learnable s_j per input of the first dense layer, initially 1 (so an
/// untrained network computes what it would without it). It lets training shrink unhelpful inputs, a soft feature
/// selection. s is one <see cref="ParameterKind.Embedding"/> range of the flat buffer (no penalty, no decay).
/// </summary>
internal sealed class FeatureScaleLayer : Module
{
    public FeatureScaleLayer(int width, ParameterRange scales) : base(width, width)
    {
        if (scales.Kind != ParameterKind.Embedding || scales.Length != width)
            throw new ArgumentException($"A scaling layer of {width} inputs needs an embedding range of {width} values; got {scales}.", nameof(scales));
        ScaleRange = scales;
    }

    /// <summary>The block it registers: s [width].</summary>
    public static ParameterBlock[] Blocks(int width) => [new(ParameterKind.Embedding, width, Layer: 0)];

    public ParameterRange ScaleRange { get; }

    /// <summary>s = 1.</summary>
    public void Initialize(Span<float> parameters) => ScaleRange.Of(parameters).Fill(1f);

    /// <summary>x: [batch×width] → y: [batch×width], y[r, j] = s_j·x[r, j].</summary>
    public override void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("output", y.Length, batch, OutputWidth);
        ReadOnlySpan<float> s = ScaleRange.Of((ReadOnlySpan<float>)pass.Parameters);
        int w = InputWidth;
        for (int r = 0; r < batch; r++) TensorPrimitives.Multiply(x.Slice(r * w, w), s, y.Slice(r * w, w));
    }

    /// <summary>
    /// dy: [batch×width] → ds: [width] = Σ_rows dy ⊙ x (overwriting), and dx: [batch×width] = dy ⊙ s unless empty.
    /// </summary>
    public override void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved,
        Span<float> dy, int batch, Span<float> dx)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("error signal", dy.Length, batch, OutputWidth);
        int w = InputWidth;
        Span<float> ds = ScaleRange.Of(pass.Gradients.AsSpan());
        ds.Clear();
        for (int r = 0; r < batch; r++) TensorPrimitives.FusedMultiplyAdd(dy.Slice(r * w, w), x.Slice(r * w, w), ds, ds);
        if (dx.IsEmpty) return;
        CheckRows("input gradient", dx.Length, batch, InputWidth);
        ReadOnlySpan<float> s = ScaleRange.Of((ReadOnlySpan<float>)pass.Parameters);
        for (int r = 0; r < batch; r++) TensorPrimitives.Multiply(dy.Slice(r * w, w), s, dx.Slice(r * w, w));
    }

    public override string ToString() => $"Feature scale ({InputWidth} inputs)";
}
