using System.Numerics.Tensors;

namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// Inverted dropout, a training-only module after a hidden layer: each unit is kept with probability 1−p and then
/// scaled by 1/(1−p), so scoring, which leaves the module out, needs no rescaling. The mask is drawn from the pass's
/// random source (the epoch's), row by row and unit by unit, on the calling thread: the same seed gives the same masks.
/// </summary>
internal sealed class Dropout : Module
{
    private readonly float _rate;

    public Dropout(float rate, int width) : base(width, width)
    {
        if (!(rate > 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"A dropout rate must be in (0, 1); got {rate}.");
        _rate = rate;
    }

    /// <summary>The mask, one value per unit and row.</summary>
    public override int SavedWidth => OutputWidth;

    /// <summary>x: [batch×width] → y: [batch×width] = x ⊙ mask, mask ∈ {0, 1/(1−p)} written to saved: [batch×width].</summary>
    public override void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("output", y.Length, batch, OutputWidth);
        CheckRows("mask", saved.Length, batch, OutputWidth);
        int size = batch * OutputWidth;
        Span<float> mask = saved[..size];
        var random = pass.Random;
        float keep = 1f / (1f - _rate);
        for (int i = 0; i < mask.Length; i++) mask[i] = random.NextDouble() < _rate ? 0f : keep;
        TensorPrimitives.Multiply(x[..size], mask, y[..size]);
    }

    /// <summary>dy: [batch×width] → dx: [batch×width] = dy ⊙ mask, the forward's mask (saved).</summary>
    public override void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved,
        Span<float> dy, int batch, Span<float> dx)
    {
        if (dx.IsEmpty) return;
        CheckRows("error signal", dy.Length, batch, OutputWidth);
        CheckRows("mask", saved.Length, batch, OutputWidth);
        CheckRows("input gradient", dx.Length, batch, InputWidth);
        int size = batch * OutputWidth;
        TensorPrimitives.Multiply(dy[..size], saved[..size], dx[..size]);
    }

    public override string ToString() => $"Dropout ({_rate} of {OutputWidth} units)";
}
