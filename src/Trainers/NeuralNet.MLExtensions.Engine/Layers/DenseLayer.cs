using NeuralNet.MLExtensions.Engine.Activations;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Engine.Layers;

/// <summary>
/// A fully connected layer h = act(W·x + b) over a mini-batch of rows. W is [out×in] (a 4×5 W takes a 5-vector to a
/// 4-vector) and b is [out]; both live in the network's flat parameter buffer at fixed offsets.
/// </summary>
internal sealed class DenseLayer
{
    public DenseLayer(int inputSize, int outputSize, Activation activation, int weightOffset, int biasOffset)
    {
        if (inputSize < 1) throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "A dense layer needs at least one input.");
        if (outputSize < 1) throw new ArgumentOutOfRangeException(nameof(outputSize), outputSize, "A dense layer needs at least one output.");
        InputSize = inputSize;
        OutputSize = outputSize;
        Function = ActivationFunction.For(activation);
        WeightOffset = weightOffset;
        BiasOffset = biasOffset;
    }

    public int InputSize { get; }
    public int OutputSize { get; }
    public ActivationFunction Function { get; }
    public Activation Activation => Function.Kind;
    public int WeightOffset { get; }
    public int BiasOffset { get; }
    public int WeightCount => InputSize * OutputSize;

    public ReadOnlySpan<float> Weights(ReadOnlySpan<float> parameters) => parameters.Slice(WeightOffset, WeightCount);
    public ReadOnlySpan<float> Bias(ReadOnlySpan<float> parameters) => parameters.Slice(BiasOffset, OutputSize);

    /// <summary>
    /// x: [batch×in] → z: [batch×out] = x·Wᵀ + b, a: [batch×out] = act(z). a may be z itself for the identity.
    /// <paramref name="transposedWeights"/>, when given, is W already laid out as [in×out] (same result, no packing).
    /// </summary>
    public void Forward(ComputeContext context, ReadOnlySpan<float> parameters, ReadOnlySpan<float> x, int batch,
        Span<float> z, Span<float> a, ReadOnlySpan<float> transposedWeights = default)
    {
        CheckRows("input", x.Length, batch, InputSize);
        CheckRows("pre-activation", z.Length, batch, OutputSize);
        CheckRows("activation", a.Length, batch, OutputSize);
        int size = batch * OutputSize;
        Span<float> zs = z[..size];
        if (transposedWeights.IsEmpty)
            Gemm.Multiply(context, transA: false, transB: true, batch, OutputSize, InputSize, x, Weights(parameters), zs, accumulate: false);
        else
            Gemm.Multiply(context, transA: false, transB: false, batch, OutputSize, InputSize, x, transposedWeights, zs, accumulate: false);
        if (Activation == Activation.Relu)
        {
            ElementWise.BiasRelu(Bias(parameters), batch, zs, a[..size]);
            return;
        }
        ElementWise.BiasAdd(Bias(parameters), batch, zs);
        Function.Forward(zs, a[..size]);
    }

    /// <summary>
    /// x: [batch×in] the forward input; z, a: [batch×out] the forward outputs; delta: [batch×out] dL/da in,
    /// overwritten with dL/dz. Writes dW: [out×in] = dzᵀ·x and db: [out] = Σ_rows dz into <paramref name="gradients"/>
    /// (overwriting), and dx: [batch×in] = dz·W when <paramref name="dx"/> is not empty.
    /// </summary>
    public void Backward(ComputeContext context, ReadOnlySpan<float> parameters, Span<float> gradients,
        ReadOnlySpan<float> x, ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> delta, int batch, Span<float> dx)
    {
        CheckRows("input", x.Length, batch, InputSize);
        CheckRows("error signal", delta.Length, batch, OutputSize);
        int size = batch * OutputSize;
        Span<float> dz = delta[..size];
        if (Activation == Activation.Relu) ElementWise.ReluBackward(a[..size], dz);
        else Function.Backward(z.Length >= size ? z[..size] : z, a[..size], dz);

        Span<float> dW = gradients.Slice(WeightOffset, WeightCount);
        Gemm.Multiply(context, transA: true, transB: false, OutputSize, InputSize, batch, dz, x, dW, accumulate: false);

        ElementWise.ColumnSums(dz, batch, gradients.Slice(BiasOffset, OutputSize));

        if (!dx.IsEmpty)
        {
            CheckRows("input gradient", dx.Length, batch, InputSize);
            Gemm.Multiply(context, transA: false, transB: false, batch, InputSize, OutputSize, dz, Weights(parameters), dx, accumulate: false);
        }
    }

    private static void CheckRows(string what, int length, int batch, int width)
    {
        if (length < batch * width)
            throw new ArgumentException($"Dense layer {what}: expected shape [{batch}×{width}] ({batch * width} values); got {length} values.");
    }
}
