namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>Where a <see cref="ParameterBlock"/> was placed: parameters [Offset, Offset + Length) of the flat buffer.</summary>
internal readonly record struct ParameterRange(int Offset, int Length, ParameterKind Kind, int Layer)
{
    /// <summary>This range of <paramref name="buffer"/> (parameters or their gradients).</summary>
    public Span<float> Of(Span<float> buffer) => buffer.Slice(Offset, Length);

    /// <summary>This range of <paramref name="buffer"/> (parameters or their gradients).</summary>
    public ReadOnlySpan<float> Of(ReadOnlySpan<float> buffer) => buffer.Slice(Offset, Length);
}
