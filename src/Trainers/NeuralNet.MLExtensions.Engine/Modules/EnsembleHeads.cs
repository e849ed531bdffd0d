using System.Numerics.Tensors;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// The output layer of a parameter-efficient ensemble: one linear head per member, z = x·W_iᵀ + b_i for the rows of
/// member i (rows i·B .. i·B + B − 1 of the member-major batch that <see cref="EnsembleAdapter"/> started). W is
/// [k×out×in] (each head [out×in], as a dense layer's) and b is [k×out]. The outputs are each member's logits (or
/// regression output); the loss averages the members' losses and scoring averages their predictions
/// (<see cref="MemberMean"/>).
/// </summary>
internal sealed class EnsembleHeads : Module
{
    public EnsembleHeads(int members, int inputSize, int outputSize, ParameterRange weights, ParameterRange bias)
        : base(inputSize, outputSize)
    {
        if (members < 2) throw new ArgumentOutOfRangeException(nameof(members), members, $"Ensemble heads need at least 2 members; got {members}.");
        if (weights.Kind != ParameterKind.Weight || weights.Length != (long)members * inputSize * outputSize)
            throw new ArgumentException($"{members} heads of [{outputSize}×{inputSize}] need a weight range of {(long)members * inputSize * outputSize} values; got {weights}.", nameof(weights));
        if (bias.Kind != ParameterKind.Bias || bias.Length != (long)members * outputSize)
            throw new ArgumentException($"{members} heads of {outputSize} outputs need a bias range of {(long)members * outputSize} values; got {bias}.", nameof(bias));
        Members = members;
        WeightRange = weights;
        BiasRange = bias;
    }

    /// <summary>The blocks the heads register as dense layer <paramref name="layer"/>: W [k×out×in], then b [k×out].</summary>
    public static ParameterBlock[] Blocks(int layer, int members, int inputSize, int outputSize) =>
        [new(ParameterKind.Weight, (long)members * inputSize * outputSize, layer), new(ParameterKind.Bias, (long)members * outputSize, layer)];

    public int Members { get; }
    public ParameterRange WeightRange { get; }
    public ParameterRange BiasRange { get; }

    /// <summary>Head <paramref name="member"/>'s weights, [out×in].</summary>
    public ReadOnlySpan<float> Weights(ReadOnlySpan<float> parameters, int member) =>
        WeightRange.Of(parameters).Slice(member * InputWidth * OutputWidth, InputWidth * OutputWidth);

    /// <summary>Head <paramref name="member"/>'s biases, [out].</summary>
    public ReadOnlySpan<float> Bias(ReadOnlySpan<float> parameters, int member) => BiasRange.Of(parameters).Slice(member * OutputWidth, OutputWidth);

    /// <summary>x: [(k·B)×in] → y: [(k·B)×out], y[i·B + b] = W_i·x[i·B + b] + b_i. <paramref name="batch"/> is k·B.</summary>
    public override void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("output", y.Length, batch, OutputWidth);
        int rows = MemberRows(batch), n = OutputWidth, d = InputWidth;
        for (int i = 0; i < Members; i++)
        {
            Span<float> yi = y.Slice(i * rows * n, rows * n);
            Gemm.Multiply(pass.Compute, transA: false, transB: true, rows, n, d, x.Slice(i * rows * d, rows * d), Weights(pass.Parameters, i), yi, accumulate: false);
            ReadOnlySpan<float> bi = Bias(pass.Parameters, i);
            for (int b = 0; b < rows; b++) TensorPrimitives.Add(yi.Slice(b * n, n), bi, yi.Slice(b * n, n));
        }
    }

    /// <summary>
    /// dy: [(k·B)×out] = dL/dz. Writes dW_i: [out×in] = dz_iᵀ·x_i and db_i: [out] = Σ_rows dz_i (overwriting), and
    /// dx: [(k·B)×in], dx_i = dz_i·W_i, unless <paramref name="dx"/> is empty.
    /// </summary>
    public override void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved,
        Span<float> dy, int batch, Span<float> dx)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("error signal", dy.Length, batch, OutputWidth);
        int rows = MemberRows(batch), n = OutputWidth, d = InputWidth;
        Span<float> gradients = pass.Gradients;
        Span<float> dw = WeightRange.Of(gradients), db = BiasRange.Of(gradients);
        if (!dx.IsEmpty) CheckRows("input gradient", dx.Length, batch, InputWidth);
        for (int i = 0; i < Members; i++)
        {
            ReadOnlySpan<float> dz = dy.Slice(i * rows * n, rows * n), xi = x.Slice(i * rows * d, rows * d);
            Gemm.Multiply(pass.Compute, transA: true, transB: false, n, d, rows, dz, xi, dw.Slice(i * n * d, n * d), accumulate: false);
            ElementWise.ColumnSums(dz, rows, db.Slice(i * n, n));
            if (!dx.IsEmpty)
                Gemm.Multiply(pass.Compute, transA: false, transB: false, rows, d, n, dz, Weights(pass.Parameters, i), dx.Slice(i * rows * d, rows * d), accumulate: false);
        }
    }

    private int MemberRows(int batch)
    {
        if (batch % Members != 0)
            throw new ArgumentException($"{this}: expected k·B rows, a multiple of the {Members} members; got {batch}.", nameof(batch));
        return batch / Members;
    }

    public override string ToString() => $"Ensemble heads ({Members} × {InputWidth}→{OutputWidth})";
}
