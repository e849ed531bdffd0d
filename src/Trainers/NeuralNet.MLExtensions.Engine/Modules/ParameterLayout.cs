namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// Where every module's parameters sit in the network's one flat buffer. Modules register their blocks in sequence
/// order; every <see cref="ParameterKind.Weight"/> block is placed before every <see cref="ParameterKind.Bias"/> block,
/// and those before every <see cref="ParameterKind.Scale"/> block (only ensembles have them), and those before every
/// <see cref="ParameterKind.Embedding"/> block, each kind in registration order. For an MLP that is "weights of layer
/// 0, 1, …, then biases of layer 0, 1, …, then the input stage's parameters": the saved model
/// format and the layout <see cref="MlpNetwork.Parameters"/> documents. Everything that treats kinds
/// differently (penalties, weight decay, per-layer gradient norms, the optimizer's chunks) reads these ranges.
/// </summary>
internal sealed class ParameterLayout
{
    private readonly ParameterRange[] _ranges;

    public ParameterLayout(IReadOnlyList<ParameterBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        _ranges = new ParameterRange[blocks.Count];
        long offset = 0;
        foreach (var kind in new[] { ParameterKind.Weight, ParameterKind.Bias, ParameterKind.Scale, ParameterKind.Embedding })
        {
            for (int i = 0; i < blocks.Count; i++)
            {
                if (blocks[i].Kind != kind) continue;
                long end = offset + blocks[i].Length;
                if (blocks[i].Length < 0 || end > Array.MaxLength)
                    throw new ArgumentOutOfRangeException(nameof(blocks), blocks[i].Length,
                        $"The network needs {end} parameters (block {i}: {blocks[i].Length} {kind} values), more than one array can hold ({Array.MaxLength}); use fewer or narrower layers.");
                _ranges[i] = new ParameterRange((int)offset, (int)blocks[i].Length, kind, blocks[i].Layer);
                offset = end;
            }
            if (kind == ParameterKind.Weight) WeightCount = (int)offset;
        }
        Count = (int)offset;
        InBufferOrder = [.. _ranges.OrderBy(r => r.Offset)];
    }

    /// <summary>The placed ranges, in the order their blocks were registered.</summary>
    public IReadOnlyList<ParameterRange> Ranges => _ranges;

    /// <summary>The placed ranges from the start of the buffer to its end.</summary>
    public IReadOnlyList<ParameterRange> InBufferOrder { get; }

    /// <summary>How many parameters are weights: they are the first <see cref="WeightCount"/> of the buffer.</summary>
    public int WeightCount { get; }

    /// <summary>The length of the flat buffer.</summary>
    public int Count { get; }
}
