using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>A dense layer y = act(x·Wᵀ + b) as MatMul (with Wᵀ stored [in×out]), Add, then the activation.</summary>
internal static class DenseLayerEmitter
{
    /// <summary>x: [rows×in] → y: [rows×out]; returns y's variable.</summary>
    public static string Emit(OnnxGraph graph, DenseLayer layer, ReadOnlySpan<float> parameters, string x)
    {
        string name = $"Mlp.Layer{layer.Layer}";
        string weights = graph.Constant(name + ".WeightsT", layer.TransposeWeights(parameters), layer.InputWidth, layer.OutputWidth);
        string bias = graph.Constant(name + ".Bias", layer.Bias(parameters).ToArray(), layer.OutputWidth);
        string product = graph.Node("MatMul", name + ".MatMul", [x, weights]);
        string z = graph.Node("Add", name + ".Z", [product, bias]);
        return ActivationEmitter.Emit(graph, layer.Activation, z, name);
    }
}
