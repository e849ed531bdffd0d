using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Scoring;

namespace NeuralNet.MLExtensions;

/// <summary>
/// The trained MLP as an ML.NET transformer: appends the columns ML.NET's own trainers of the model's task append —
/// multiclass: <c>Score</c> (class probabilities) and <c>PredictedLabel</c> (a key over the classes); binary:
/// <c>Score</c> (the logit), <c>Probability</c> and <c>PredictedLabel</c> (Boolean); regression: <c>Score</c> — so
/// ML.NET's evaluators, cross-validation, permutation feature importance and prediction engine work with it unchanged.
/// </summary>
public sealed class MlpPredictionTransformer : ISingleFeaturePredictionTransformer<MlpModelParameters>
{
    internal MlpPredictionTransformer(MlpModelParameters model, string featureColumnName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(featureColumnName);
        Model = model;
        FeatureColumnName = featureColumnName;
        FeatureColumnType = new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount);
    }

    /// <summary>The trained model.</summary>
    public MlpModelParameters Model { get; }

    /// <summary>Name of the features column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>Type of the features column: a vector of <see cref="MlpModelParameters.FeatureCount"/> Single values.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>Always true: rows are scored one at a time, so prediction engines work.</summary>
    public bool IsRowToRowMapper => true;

    /// <summary>The input schema followed by the task's score columns.</summary>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Bind(inputSchema).Output;

    /// <summary>
    /// Scores <paramref name="input"/> lazily as its rows are read, a block of rows at a time. The view also carries
    /// the model's ONNX export, which <c>mlContext.Model.ConvertToOnnx</c> finds (see Onnx/).
    /// </summary>
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return MlNetInternals.OnnxExportable(new AppendedDataView(input, Bind(input.Schema)), input,
            new Onnx.MlpScorerOnnxExporter(Model, FeatureColumnName));
    }

    /// <summary>The row-to-row mapper used by <c>CreatePredictionEngine</c>.</summary>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new AppendedRowToRowMapper(Bind(inputSchema));

    private AppendedColumns Bind(DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return new AppendedColumns(inputSchema, "Features", FeatureColumnName, new MlpScoreFunction(Model), ScoreSchema.Columns(Model));
    }

    /// <summary>Writes the model into an ML.NET model file (<c>mlContext.Model.Save</c>).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => Persistence.MlpTransformerLoader.Save(this, ctx);
}
