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
    private readonly int[] _outputWidths, _savedWidths, _rowsIn, _rowsOut;

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
        (_rowsIn, _rowsOut) = (new int[modules.Count], new int[modules.Count]);
        // An ensemble's adapter turns each row into k member-rows: the modules after it hold k times the rows.
        int rowsPerRow = 1;
        long widest = inputWidth;
        for (int m = 0; m < modules.Count; m++)
        {
            Module module = modules[m];
            _outputWidths[m] = module.OutputWidth;
            _savedWidths[m] = module.SavedWidth;
            _rowsIn[m] = rowsPerRow;
            _rowsOut[m] = rowsPerRow *= module.RowsPerInputRow;
            int rowsIn = BufferSize.Of(batchCapacity, _rowsIn[m], "Ensemble member rows", module), rowsOut = BufferSize.Of(batchCapacity, _rowsOut[m], "Ensemble member rows", module);
            widest = Math.Max(widest, Math.Max((long)rowsOut * module.OutputWidth, (long)rowsIn * module.InputWidth) / batchCapacity);
            _outputs[m] = new float[BufferSize.Of(rowsOut, module.OutputWidth, "Mini-batch outputs", module)];
            _saved[m] = module.SavedWidth == 0 ? [] : new float[BufferSize.Of(rowsIn, module.SavedWidth, "Mini-batch values kept for backward", module)];
        }
        DeltaA = new float[BufferSize.Of(batchCapacity, (int)Math.Min(widest, int.MaxValue), "Mini-batch error signals")];
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

    /// <summary>Module <paramref name="module"/>'s output: [rows×width], rows = <see cref="RowsOut"/>.</summary>
    public Span<float> Output(int module, int batch) => _outputs[module].AsSpan(0, RowsOut(module, batch) * _outputWidths[module]);

    /// <summary>Module <paramref name="module"/>'s saved values: [rows×SavedWidth], rows = <see cref="RowsIn"/> (empty when it keeps none).</summary>
    public Span<float> SavedValues(int module, int batch) => _saved[module].AsSpan(0, RowsIn(module, batch) * _savedWidths[module]);

    /// <summary>The rows module <paramref name="module"/> takes for a batch of <paramref name="batch"/> rows (k·batch after an ensemble's adapter).</summary>
    public int RowsIn(int module, int batch) => batch * _rowsIn[module];

    /// <summary>The rows module <paramref name="module"/> gives for a batch of <paramref name="batch"/> rows.</summary>
    public int RowsOut(int module, int batch) => batch * _rowsOut[module];
}
