namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// The ONNX nodes of <see cref="MlpPredictionTransformer"/>: features column → standardisation → modules → the task's
/// score columns, under the names the transformer gives them.
/// </summary>
internal sealed class MlpScorerOnnxExporter(MlpModelParameters model, string featureColumnName) : IOnnxExportable
{
    public void SaveAsOnnx(OnnxGraph graph)
    {
        string features = graph.Column(featureColumnName);
        string output = MlpNetworkEmitter.Emit(graph, model, features, model.Architecture.LayerCount - 1);
        TaskHeadEmitter.Emit(graph, model, output);
    }
}
