using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Onnx;

namespace NeuralNet.MLExtensions.Transforms;

/// <summary>
/// The ONNX nodes of <see cref="MlpHiddenLayerTransformer"/>: input column → standardisation → modules up to the hidden
/// layer → the output column, a float tensor [N, Width].
/// </summary>
internal sealed class HiddenLayerOnnxExporter(MlpHiddenLayerTransformer transformer) : IOnnxExportable
{
    public void SaveAsOnnx(OnnxGraph graph)
    {
        string features = graph.Column(transformer.InputColumnName);
        string activations = MlpNetworkEmitter.Emit(graph, transformer.Model, features, transformer.LayerIndex);
        string output = graph.DeclareColumn(transformer.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, transformer.Width));
        graph.NodeInto("Identity", [activations], output);
    }
}
