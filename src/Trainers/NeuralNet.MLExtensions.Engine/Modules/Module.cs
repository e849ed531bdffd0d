namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// One step of a network's sequence over a mini-batch, forward and backward side by side (a dense layer, dropout; later
/// embeddings, per-feature scaling, parametric activations, ensemble heads). A module maps x: [batch×InputWidth] to
/// y: [batch×OutputWidth]. What backward needs from forward besides x and y it keeps in a buffer of
/// <see cref="SavedWidth"/> values per row that the caller's workspace owns. Its parameters are ranges of the
/// network's flat buffer, registered in a <see cref="ParameterLayout"/> when the network is built.
/// </summary>
internal abstract class Module
{
    protected Module(int inputWidth, int outputWidth)
    {
        if (inputWidth < 1) throw new ArgumentOutOfRangeException(nameof(inputWidth), inputWidth, $"A module needs at least one input; got {inputWidth}.");
        if (outputWidth < 1) throw new ArgumentOutOfRangeException(nameof(outputWidth), outputWidth, $"A module needs at least one output; got {outputWidth}.");
        InputWidth = inputWidth;
        OutputWidth = outputWidth;
    }

    public int InputWidth { get; }
    public int OutputWidth { get; }

    /// <summary>
    /// Output rows per input row: k for an ensemble's adapter (<see cref="EnsembleAdapter"/>), which turns each row into
    /// k member-rows; 1 for every other module. Forward's <c>batch</c> counts input rows, and y and dy hold
    /// batch·RowsPerInputRow rows.
    /// </summary>
    public virtual int RowsPerInputRow => 1;

    /// <summary>Values per row kept from <see cref="Forward"/> for <see cref="Backward"/>; 0 when none.</summary>
    public virtual int SavedWidth => 0;

    /// <summary>
    /// x: [batch×in] → y: [batch×out]. saved: [batch×SavedWidth] written for backward; empty when no backward follows
    /// (scoring), which a module may use to work in place.
    /// </summary>
    public abstract void Forward(in ModulePass pass, ReadOnlySpan<float> x, int batch, Span<float> saved, Span<float> y);

    /// <summary>
    /// x, y, saved: what <see cref="Forward"/> took and gave; dy: [batch×out] dL/dy, which the module may overwrite.
    /// Writes the gradients of its parameters (overwriting) and dx: [batch×in] = dL/dx, unless dx is empty (the first
    /// module: nothing needs it).
    /// </summary>
    public abstract void Backward(in ModulePass pass, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> saved,
        Span<float> dy, int batch, Span<float> dx);

    /// <summary>Fails naming the module unless <paramref name="length"/> holds [batch×width].</summary>
    protected void CheckRows(string what, int length, int batch, int width)
    {
        long size = (long)batch * width;
        if (length < size)
            throw new ArgumentException($"{this} {what}: expected shape [{batch}×{width}] ({size} values); got {length} values.");
    }
}
