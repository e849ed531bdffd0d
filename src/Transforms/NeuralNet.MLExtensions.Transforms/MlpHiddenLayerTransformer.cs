using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Scoring;

namespace NeuralNet.MLExtensions.Transforms;

/// <summary>
/// Appends the activations of one hidden layer of a trained MLP as a known-size vector of Single, with slot names
/// "Unit0", "Unit1", …. The features column must have the size the model was trained on; features are
/// standardised as in training before the layers run. Works in any pipeline, through <c>Transform</c> (blocks of rows
/// at a time), prediction engines and <c>mlContext.Model.Save/Load</c>. For an ensemble (EnsembleSize k ≥ 2) a hidden
/// layer's output is the mean of the k members' activations of that layer (the members share its weights but see
/// differently scaled inputs), one vector of the layer's width per row.
/// </summary>
public sealed class MlpHiddenLayerTransformer : ITransformer
{
    internal MlpHiddenLayerTransformer(MlpModelParameters model, int layerIndex, string outputColumnName, string inputColumnName)
    {
        Validate(model, layerIndex, outputColumnName, inputColumnName);
        Model = model;
        LayerIndex = layerIndex;
        OutputColumnName = outputColumnName;
        InputColumnName = inputColumnName;
    }

    /// <summary>The trained model whose layer is read.</summary>
    public MlpModelParameters Model { get; }
    /// <summary>0-based index of the hidden layer (0 = the first hidden layer).</summary>
    public int LayerIndex { get; }
    /// <summary>Name of the appended column.</summary>
    public string OutputColumnName { get; }
    /// <summary>Name of the features column read.</summary>
    public string InputColumnName { get; }
    /// <summary>Width of the layer: the size of the output vector.</summary>
    public int Width => Model.Architecture.HiddenLayerSizes[LayerIndex];

    /// <summary>Always true: rows can be mapped one at a time, so prediction engines work.</summary>
    public bool IsRowToRowMapper => true;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).Output;

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MlNetInternals.OnnxExportable(new AppendedDataView(input, Bind(input.Schema)), input, new HiddenLayerOnnxExporter(this));
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new AppendedRowToRowMapper(Bind(inputSchema));

    void ICanSaveModel.Save(ModelSaveContext ctx) => HiddenLayerLoader.Save(this, ctx);

    private AppendedColumns Bind(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var slots = Enumerable.Range(0, Width).Select(i => $"Unit{i}".AsMemory()).ToArray();
        var annotations = new DataViewSchema.Annotations.Builder();
        annotations.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, slots.Length),
            (ref VBuffer<ReadOnlyMemory<char>> dst) => new VBuffer<ReadOnlyMemory<char>>(slots.Length, slots).CopyTo(ref dst));
        return new AppendedColumns(inputSchema, "input", InputColumnName, new HiddenLayerFunction(Model, LayerIndex),
            [OutputColumn.Vector(OutputColumnName, Width, annotations.ToAnnotations())]);
    }

    internal static void Validate(MlpModelParameters model, int layerIndex, string outputColumnName, string inputColumnName)
    {
        ArgumentNullException.ThrowIfNull(model);
        int hidden = model.Architecture.HiddenLayerSizes.Count;
        if (hidden == 0)
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex,
                "The model has no hidden layer (it is multinomial logistic regression), so it has no hidden representation to output.");
        if (layerIndex < 0 || layerIndex >= hidden)
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex,
                $"layerIndex must be between 0 and {hidden - 1} (the model has {hidden} hidden layer{(hidden == 1 ? "" : "s")}); got {layerIndex}.");
        if (string.IsNullOrWhiteSpace(outputColumnName))
            throw new ArgumentOutOfRangeException(nameof(outputColumnName), outputColumnName, "outputColumnName must name a column.");
        if (string.IsNullOrWhiteSpace(inputColumnName))
            throw new ArgumentOutOfRangeException(nameof(inputColumnName), inputColumnName, "inputColumnName must name a column.");
    }
}
