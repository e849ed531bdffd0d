using System.Numerics.Tensors;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine.Layers;

/// <summary>
/// Inverted dropout on a hidden layer's activations, during training only: each unit is kept with probability 1−p
/// and then scaled by 1/(1−p), so scoring, which skips dropout, needs no rescaling. The mask is drawn from the
/// epoch's random source, row by row and unit by unit, on the calling thread: the same seed gives the same masks.
/// </summary>
internal sealed class Dropout
{
    private readonly float _rate;
    private readonly float[] _mask;

    public Dropout(float rate, int capacity)
    {
        if (!(rate > 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "A dropout rate must be in (0, 1).");
        _rate = rate;
        _mask = new float[capacity];
        Output = new float[capacity];
    }

    /// <summary>The dropped activations of the last <see cref="Forward"/>, the next layer's input.</summary>
    public float[] Output { get; }

    /// <summary>a: [batch×width] (size values) → Output: [batch×width] = a ⊙ mask, mask ∈ {0, 1/(1−p)}.</summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> a, SeededRandom random)
    {
        Span<float> mask = _mask.AsSpan(0, a.Length);
        float keep = 1f / (1f - _rate);
        for (int i = 0; i < mask.Length; i++) mask[i] = random.NextDouble() < _rate ? 0f : keep;
        Span<float> output = Output.AsSpan(0, a.Length);
        TensorPrimitives.Multiply(a, mask, output);
        return output;
    }

    /// <summary>delta: [batch×width] (size values) dL/dOutput in, dL/da out (the same mask applied).</summary>
    public void Backward(Span<float> delta, int size) =>
        TensorPrimitives.Multiply(delta[..size], _mask.AsSpan(0, size), delta[..size]);
}
