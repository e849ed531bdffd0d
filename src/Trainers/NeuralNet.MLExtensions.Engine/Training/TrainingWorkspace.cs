using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Every buffer one training run needs, allocated once for the largest mini-batch: the gathered batch, each module's
/// output and saved values (see <see cref="Module.SavedWidth"/>), two error-signal buffers used in turn, and the
/// gradients. Sizes are computed in 64 bits; one too large for an array fails naming the buffer.
/// </summary>
internal sealed class TrainingWorkspace
{
    private readonly float[][] _outputs, _saved;
    private readonly int[] _outputWidths, _savedWidths;

    public TrainingWorkspace(int inputWidth, IReadOnlyList<Module> modules, int batchCapacity, int parameterCount)
    {
        Input = new float[BufferSize.Of(batchCapacity, inputWidth, "Mini-batch input rows")];
        Labels = new int[batchCapacity];
        Weights = new float[batchCapacity];
        Targets = new float[batchCapacity];
        _outputs = new float[modules.Count][];
        _saved = new float[modules.Count][];
        _outputWidths = new int[modules.Count];
        _savedWidths = new int[modules.Count];
        int widest = inputWidth;
        for (int m = 0; m < modules.Count; m++)
        {
            Module module = modules[m];
            _outputWidths[m] = module.OutputWidth;
            _savedWidths[m] = module.SavedWidth;
            widest = Math.Max(widest, module.OutputWidth);
            _outputs[m] = new float[BufferSize.Of(batchCapacity, module.OutputWidth, "Mini-batch outputs", module)];
            _saved[m] = module.SavedWidth == 0 ? [] : new float[BufferSize.Of(batchCapacity, module.SavedWidth, "Mini-batch values kept for backward", module)];
        }
        DeltaA = new float[BufferSize.Of(batchCapacity, widest, "Mini-batch error signals")];
        DeltaB = new float[DeltaA.Length];
        Gradients = new float[parameterCount];
    }

    public float[] Input { get; }
    public int[] Labels { get; }
    public float[] Weights { get; }
    /// <summary>The batch's standardised regression targets (unused by classification).</summary>
    public float[] Targets { get; }
    public float[] DeltaA { get; }
    public float[] DeltaB { get; }
    public float[] Gradients { get; }

    /// <summary>Module <paramref name="module"/>'s output: [batch×width].</summary>
    public Span<float> Output(int module, int batch) => _outputs[module].AsSpan(0, batch * _outputWidths[module]);

    /// <summary>Module <paramref name="module"/>'s saved values: [batch×SavedWidth] (empty when it keeps none).</summary>
    public Span<float> SavedValues(int module, int batch) => _saved[module].AsSpan(0, batch * _savedWidths[module]);
}
