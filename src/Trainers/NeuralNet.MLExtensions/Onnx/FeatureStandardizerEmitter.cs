using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// The input scaling as the engine computes it: z = (x − centre)·scale as Sub then Mul; for Robust scaling then the
/// engine's smooth clipping, z capped to ±10⁶, t = z·(1/3), z / √(1 + t·t), operation for operation in float32.
/// </summary>
internal static class FeatureStandardizerEmitter
{
    /// <summary>x: [rows×features] → x': [rows×features]; returns x' (x itself when the model has no scaling).</summary>
    public static string Emit(OnnxGraph graph, FeatureStandardizer? standardizer, string x)
    {
        if (standardizer is null) return x;
        int d = standardizer.FeatureCount;
        string centred = graph.Node("Sub", "Mlp.Standardize.Centred", [x, graph.Constant("Mlp.Standardize.Mean", standardizer.Center.ToArray(), d)]);
        string z = graph.Node("Mul", "Mlp.Standardize", [centred, graph.Constant("Mlp.Standardize.Scale", standardizer.Scale.ToArray(), d)]);
        if (standardizer.Kind != FeatureScaling.Robust) return z;
        string capped = graph.Node("Min", "Mlp.Clip.Capped", [graph.Node("Max", "Mlp.Clip.Floor", [z, graph.Constant("Mlp.Clip.Low", -1e6f)]), graph.Constant("Mlp.Clip.High", 1e6f)]);
        string t = graph.Node("Mul", "Mlp.Clip.Third", [capped, graph.Constant("Mlp.Clip.OneThird", 1f / 3f)]);
        string root = graph.Node("Sqrt", "Mlp.Clip.Root", [graph.Node("Add", "Mlp.Clip.OnePlus", [graph.Constant("Mlp.Clip.One", 1f), graph.Node("Mul", "Mlp.Clip.Square", [t, t])])]);
        return graph.Node("Div", "Mlp.Clip", [capped, root]);
    }
}
