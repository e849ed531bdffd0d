using NeuralNet.MLExtensions.Engine.Activations;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// A fully connected layer with its activation, y = act(x·Wᵀ + b), over a mini-batch of rows. W is [out×in] (a 4×5 W
/// takes a 5-vector to a 4-vector) and b is [out]; both are ranges of the network's flat parameter buffer. The bias add
/// and the activation run as one step, <see cref="ActivationFunction.ForwardWithBias"/>, which an activation may fuse
/// into one pass (ReLU does).
/// </summary>
internal sealed class DenseLayer : Module
{
    public DenseLayer(int inputSize, int outputSize, Activation activation, ParameterRange weights, ParameterRange bias)
        : base(inputSize, outputSize)
    {
        if (weights.Kind != ParameterKind.Weight || weights.Length != (long)inputSize * outputSize)
            throw new ArgumentException($"A [{outputSize}×{inputSize}] dense layer needs a weight range of {(long)inputSize * outputSize} values; got {weights}.", nameof(weights));
        if (bias.Kind != ParameterKind.Bias || bias.Length != outputSize)
            throw new ArgumentException($"A dense layer of {outputSize} units needs a bias range of {outputSize} values; got {bias}.", nameof(bias));
        Function = ActivationFunction.For(activation);
        Activation = activation;
        WeightRange = weights;
        BiasRange = bias;
    }

    /// <summary>The parameter blocks dense layer <paramref name="layer"/> registers: W [out×in], then b [out].</summary>
    public static ParameterBlock[] Blocks(int layer, int inputSize, int outputSize) =>
        [new(ParameterKind.Weight, (long)inputSize * outputSize, layer), new(ParameterKind.Bias, outputSize, layer)];

    public Activation Activation { get; }
    public ActivationFunction Function { get; }
    public ParameterRange WeightRange { get; }
    public ParameterRange BiasRange { get; }

    /// <summary>The index of this layer among the network's dense layers.</summary>
    public int Layer => WeightRange.Layer;

    /// <summary>Training keeps z apart from y only when the activation's backward reads it.</summary>
    public override int SavedWidth => Function.BackwardReadsInput ? OutputWidth : 0;

    public ReadOnlySpan<float> Weights(ReadOnlySpan<float> parameters) => WeightRange.Of(parameters);
    public ReadOnlySpan<float> Bias(ReadOnlySpan<float> parameters) => BiasRange.Of(parameters);

    /// <summary>
    /// x: [batch×in] → y: [batch×out] = act(z), z = x·Wᵀ + b. z is formed in saved: [batch×out] when given, else in y.
    /// With the pass's transposed weights ([in×out]) the product needs no packing and gives the same result; one row then
    /// takes <see cref="Gemv"/>, which streams them once (a large W in column parts over the threads, when the pass has them).
    /// </summary>
    public override void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        if (!saved.IsEmpty) CheckRows("pre-activation", saved.Length, batch, OutputWidth);
        CheckRows("output", y.Length, batch, OutputWidth);
        int size = batch * OutputWidth;
        Span<float> z = saved.IsEmpty ? y[..size] : saved[..size];
        ReadOnlySpan<float> transposed = pass.TransposedWeights(Layer), parts = pass.PartWeights(Layer);
        if (batch == 1 && !parts.IsEmpty)
            Gemv.MultiplyParts(pass.Compute, x[..InputWidth], parts, OutputWidth, z);   // one row, a large W: each thread streams its own columns
        else if (batch == 1 && !transposed.IsEmpty)
            Gemv.Multiply(pass.Compute.Path, x[..InputWidth], transposed, OutputWidth, z);   // one row: W streamed once, zero inputs skipped
        else if (transposed.IsEmpty)
            Gemm.Multiply(pass.Compute, transA: false, transB: true, batch, OutputWidth, InputWidth, x, Weights(pass.Parameters), z, accumulate: false);
        else
            Gemm.Multiply(pass.Compute, transA: false, transB: false, batch, OutputWidth, InputWidth, x, transposed, z, accumulate: false);
        Function.ForwardWithBias(Bias(pass.Parameters), batch, z, y[..size]);
    }

    /// <summary>
    /// x: [batch×in] the forward input; y: [batch×out] its output, saved: z or empty; dy: [batch×out] dL/dy in,
    /// overwritten with dL/dz. Writes dW: [out×in] = dzᵀ·x and db: [out] = Σ_rows dz into the pass's gradients
    /// (overwriting), and dx: [batch×in] = dz·W unless <paramref name="dx"/> is empty.
    /// </summary>
    public override void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved,
        Span<float> dy, int batch, Span<float> dx)
    {
        CheckRows("input", x.Length, batch, InputWidth);
        CheckRows("error signal", dy.Length, batch, OutputWidth);
        CheckRows("output", y.Length, batch, OutputWidth);
        if (!saved.IsEmpty) CheckRows("pre-activation", saved.Length, batch, OutputWidth);
        int size = batch * OutputWidth;
        Span<float> dz = dy[..size];
        Function.Backward(saved.IsEmpty ? default : saved[..size], y[..size], dz);

        Span<float> gradients = pass.Gradients;
        Gemm.Multiply(pass.Compute, transA: true, transB: false, OutputWidth, InputWidth, batch, dz, x, WeightRange.Of(gradients), accumulate: false);
        ElementWise.ColumnSums(dz, batch, BiasRange.Of(gradients));

        if (!dx.IsEmpty)
        {
            CheckRows("input gradient", dx.Length, batch, InputWidth);
            Gemm.Multiply(pass.Compute, transA: false, transB: false, batch, InputWidth, OutputWidth, dz, Weights(pass.Parameters), dx, accumulate: false);
        }
    }

    /// <summary>W as a new [in×out] array, for scoring (see <see cref="ForwardWorkspace"/>).</summary>
    public float[] TransposeWeights(ReadOnlySpan<float> parameters)
    {
        ReadOnlySpan<float> w = Weights(parameters);   // [out×in]
        var t = new float[w.Length];
        for (int o = 0; o < OutputWidth; o++)
            for (int i = 0; i < InputWidth; i++) t[i * OutputWidth + o] = w[o * InputWidth + i];
        return t;
    }

    public override string ToString() => $"Dense layer {Layer} ({InputWidth}→{OutputWidth}, {Activation})";
}
