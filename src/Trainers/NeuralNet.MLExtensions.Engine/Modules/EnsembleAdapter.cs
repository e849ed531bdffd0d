using System.Numerics.Tensors;

namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// The input of a parameter-efficient ensemble (TabM-mini, Gorishniy et al. 2024): each of the k members sees the
/// row scaled by its own vector r_i, and the rows of all members then go through the shared layers together. The
/// output is member-major: member i's copy of input row b is output row i·B + b, so each member's rows are one
/// contiguous block and the shared dense layers run one matrix product over k·B rows. r is [k×d], one
/// <see cref="ParameterKind.Scale"/> block, initialised with random signs (±1), the paper's choice for TabM-mini:
/// the members start as different views of the same inputs.
/// </summary>
internal sealed class EnsembleAdapter : Module
{
    public EnsembleAdapter(int members, int width, ParameterRange scales) : base(width, width)
    {
        if (members < 2) throw new ArgumentOutOfRangeException(nameof(members), members, $"An ensemble adapter needs at least 2 members; got {members}.");
        if (scales.Kind != ParameterKind.Scale || scales.Length != (long)members * width)
            throw new ArgumentException($"An ensemble adapter of {members} members over {width} inputs needs a scale range of {(long)members * width} values; got {scales}.", nameof(scales));
        Members = members;
        ScaleRange = scales;
    }

    /// <summary>The block the adapter registers: r [k×d], as layer 0 (it scales the first layer's input).</summary>
    public static ParameterBlock Block(int members, int width) => new(ParameterKind.Scale, (long)members * width, 0);

    public int Members { get; }
    public ParameterRange ScaleRange { get; }

    /// <summary>Every input row becomes k member-rows.</summary>
    public override int RowsPerInputRow => Members;

    /// <summary>x: [B×d] → y: [(k·B)×d], y[i·B + b] = x[b] ⊙ r_i.</summary>
    public override void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y)
    {
        int d = InputWidth;
        CheckRows("input", x.Length, batch, d);
        CheckRows("output", y.Length, batch * Members, d);
        ReadOnlySpan<float> r = ScaleRange.Of(pass.Parameters);
        for (int i = 0; i < Members; i++)
        {
            ReadOnlySpan<float> ri = r.Slice(i * d, d);
            for (int b = 0; b < batch; b++)
                TensorPrimitives.Multiply(x.Slice(b * d, d), ri, y.Slice((i * batch + b) * d, d));
        }
    }

    /// <summary>
    /// dy: [(k·B)×d] → dr_i = Σ_b dy[i·B + b] ⊙ x[b] (overwriting the gradient), and dx: [B×d] = Σ_i dy[i·B + b] ⊙ r_i
    /// unless <paramref name="dx"/> is empty (the adapter is the first module, so it usually is).
    /// </summary>
    public override void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved,
        Span<float> dy, int batch, Span<float> dx)
    {
        int d = InputWidth;
        CheckRows("input", x.Length, batch, d);
        CheckRows("error signal", dy.Length, batch * Members, d);
        Span<float> gradients = pass.Gradients;
        Span<float> dr = ScaleRange.Of(gradients);
        ReadOnlySpan<float> r = ScaleRange.Of(pass.Parameters);
        dr.Clear();
        for (int i = 0; i < Members; i++)
        {
            Span<float> dri = dr.Slice(i * d, d);
            for (int b = 0; b < batch; b++)
                TensorPrimitives.FusedMultiplyAdd(dy.Slice((i * batch + b) * d, d), x.Slice(b * d, d), dri, dri);
        }
        if (dx.IsEmpty) return;
        CheckRows("input gradient", dx.Length, batch, d);
        dx[..(batch * d)].Clear();
        for (int i = 0; i < Members; i++)
        {
            ReadOnlySpan<float> ri = r.Slice(i * d, d);
            for (int b = 0; b < batch; b++)
            {
                Span<float> dxb = dx.Slice(b * d, d);
                TensorPrimitives.FusedMultiplyAdd(dy.Slice((i * batch + b) * d, d), ri, dxb, dxb);
            }
        }
    }

    public override string ToString() => $"Ensemble adapter ({Members} members × {InputWidth} inputs)";
}
