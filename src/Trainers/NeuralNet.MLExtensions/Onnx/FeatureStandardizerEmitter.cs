using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>The input standardisation x' = (x − mean)·scale as Sub then Mul, the engine's own two float32 steps.</summary>
internal static class FeatureStandardizerEmitter
{
    /// <summary>x: [rows×features] → x': [rows×features]; returns x' (x itself when the model has no standardiser).</summary>
    public static string Emit(OnnxGraph graph, FeatureStandardizer? standardizer, string x)
    {
        if (standardizer is null) return x;
        int d = standardizer.FeatureCount;
        string centred = graph.Node("Sub", "Mlp.Standardize.Centred", [x, graph.Constant("Mlp.Standardize.Mean", standardizer.Mean.ToArray(), d)]);
        return graph.Node("Mul", "Mlp.Standardize", [centred, graph.Constant("Mlp.Standardize.Scale", standardizer.Scale.ToArray(), d)]);
    }
}
