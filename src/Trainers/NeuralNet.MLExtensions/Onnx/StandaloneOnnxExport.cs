using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Scoring;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// <see cref="MlpModelParameters.SaveAsOnnx(Stream)"/>: the model alone as an ONNX graph, through ML.NET's converter
/// and the same emitters as a pipeline: input "Features", outputs the task's score columns.
/// </summary>
internal static class StandaloneOnnxExport
{
    /// <summary>The graph's input column.</summary>
    public const string FeaturesColumn = "Features";

    public static void Write(MlpModelParameters model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        var mlContext = new MLContext(seed: 0);
        var definition = SchemaDefinition.Create(typeof(FeaturesRow));
        definition[nameof(FeaturesRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, model.FeatureCount);
        IDataView empty = mlContext.Data.LoadFromEnumerable(Array.Empty<FeaturesRow>(), definition);
        var scorer = new MlpPredictionTransformer(model, FeaturesColumn);
        string[] outputs = ScoreSchema.Columns(model).Select(c => c.Name).ToArray();
        mlContext.Model.ConvertToOnnx(scorer, empty, stream, outputs);
    }

    private sealed class FeaturesRow
    {
        public float[] Features { get; set; } = [];
    }
}
