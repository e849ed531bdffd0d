using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Transforms;

/// <summary>
/// The estimator behind <c>mlContext.Transforms.MlpHiddenLayer(...)</c>. It learns nothing: <see cref="Fit"/> checks
/// the input schema and returns the <see cref="MlpHiddenLayerTransformer"/>.
/// </summary>
public sealed class MlpHiddenLayerEstimator : IEstimator<MlpHiddenLayerTransformer>
{
    private readonly MlpModelParameters _model;
    private readonly int _layerIndex;
    private readonly string _outputColumnName, _inputColumnName;

    internal MlpHiddenLayerEstimator(MlpModelParameters model, int layerIndex, string outputColumnName, string inputColumnName)
    {
        MlpHiddenLayerTransformer.Validate(model, layerIndex, outputColumnName, inputColumnName);
        _model = model;
        _layerIndex = layerIndex;
        _outputColumnName = outputColumnName;
        _inputColumnName = inputColumnName;
    }

    /// <summary>Checks <paramref name="input"/>'s schema and returns the transformer.</summary>
    public MlpHiddenLayerTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var transformer = new MlpHiddenLayerTransformer(_model, _layerIndex, _outputColumnName, _inputColumnName);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    /// <summary>The input schema followed by the hidden-layer column; checks the features column.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = SchemaChecks.RequireShapeColumn(inputSchema, "input", _inputColumnName);
        SchemaChecks.CheckFeatures(features.Name,
            features.Kind == SchemaShape.Column.VectorKind.Vector && features.ItemType == NumberDataViewType.Single && !features.IsKey,
            SchemaChecks.Describe(features));
        var slotNames = MlNetInternals.CreateColumn("SlotNames", SchemaShape.Column.VectorKind.Vector, TextDataViewType.Instance, false);
        var output = MlNetInternals.CreateColumn(_outputColumnName, SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, new SchemaShape([slotNames]));
        var columns = inputSchema.ToDictionary(c => c.Name);
        columns[output.Name] = output;
        return new SchemaShape(columns.Values);
    }
}
