using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>The per-input scale (<see cref="FeatureScaleLayer"/>) as one Mul by its scales s [width]: the engine's products.</summary>
internal static class FeatureScaleLayerEmitter
{
    /// <summary>x: [N×width] → [N×width], x ⊙ s; returns its variable.</summary>
    public static string Emit(OnnxGraph graph, FeatureScaleLayer layer, ReadOnlySpan<float> parameters, string x)
    {
        string s = graph.Constant("Mlp.FeatureScale.Scales", layer.ScaleRange.Of(parameters).ToArray(), layer.InputWidth);
        return graph.Node("Mul", "Mlp.FeatureScale", [x, s]);
    }
}
