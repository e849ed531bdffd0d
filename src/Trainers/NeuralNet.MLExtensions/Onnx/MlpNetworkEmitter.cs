using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// A trained model's path from raw features to a layer's output, as scoring runs it (MlpInference): the input
/// standardisation, then each module in order, each through its emitter.
/// </summary>
internal static class MlpNetworkEmitter
{
    /// <summary>
    /// features: [rows×FeatureCount] raw → the activations of dense layer <paramref name="lastLayer"/> (the output
    /// layer's logits, or the regression output before the target's un-standardisation); returns their variable.
    /// </summary>
    public static string Emit(OnnxGraph graph, MlpModelParameters model, string features, int lastLayer)
    {
        string x = FeatureStandardizerEmitter.Emit(graph, model.Standardizer, features);
        ReadOnlySpan<float> parameters = model.Network.Parameters;
        foreach (Module module in model.Network.Modules)
        {
            x = OnnxModuleEmitters.Emit(graph, module, parameters, x);
            if (module is DenseLayer dense && dense.Layer == lastLayer) return x;
        }
        throw new ArgumentOutOfRangeException(nameof(lastLayer), lastLayer, $"The network has dense layers 0..{model.Architecture.LayerCount - 1}.");
    }
}
