using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// Each hidden activation as standard ONNX operators, with the engine's formula (Engine/Activations): the same
/// operations in the same float32 order where the engine spells them out (GELU), ONNX's own operator where the engine
/// calls a library routine (tanh, sigmoid).
/// </summary>
internal static class ActivationEmitter
{
    /// <summary>z: [rows×width] → f(z): [rows×width]; returns the output's variable (z itself for the identity).</summary>
    public static string Emit(OnnxGraph graph, Activation activation, string z, string name) => activation switch
    {
        Activation.Identity => z,
        Activation.Relu => graph.Node("Relu", name + ".Relu", [z]),
        // ONNX: x ≥ 0 ? x : αx; the engine: x > 0 ? x : 0.01x — equal, as α·0 = 0.
        Activation.LeakyRelu => graph.Node("LeakyRelu", name + ".LeakyRelu", [z], ("alpha", (double)Engine.Activations.LeakyReluActivation.Slope)),
        Activation.Tanh => graph.Node("Tanh", name + ".Tanh", [z]),
        Activation.Sigmoid => graph.Node("Sigmoid", name + ".Sigmoid", [z]),
        Activation.Gelu => Gelu(graph, z, name),
        _ => throw new NotSupportedException($"The MLP's activation {activation} has no ONNX export; add it to {nameof(ActivationEmitter)}."),
    };

    // The engine's GELU, tanh form, operation by operation: 0.5f·v·(1 + tanh(C·(v + K·v·v·v))), C = √(2/π), K = 0.044715.
    private static string Gelu(OnnxGraph graph, string v, string name)
    {
        const float C = 0.7978845608028654f;
        const float K = 0.044715f;
        string kv = graph.Node("Mul", name + ".Gelu.Kv", [v, graph.Constant(name + ".Gelu.K", K)]);
        string kvv = graph.Node("Mul", name + ".Gelu.Kvv", [kv, v]);
        string kvvv = graph.Node("Mul", name + ".Gelu.Kvvv", [kvv, v]);
        string inner = graph.Node("Add", name + ".Gelu.Inner", [v, kvvv]);
        string u = graph.Node("Mul", name + ".Gelu.U", [inner, graph.Constant(name + ".Gelu.C", C)]);
        string t = graph.Node("Tanh", name + ".Gelu.Tanh", [u]);
        string onePlus = graph.Node("Add", name + ".Gelu.OnePlusT", [t, graph.Constant(name + ".Gelu.One", 1f)]);
        string half = graph.Node("Mul", name + ".Gelu.HalfV", [v, graph.Constant(name + ".Gelu.Half", 0.5f)]);
        return graph.Node("Mul", name + ".Gelu", [half, onePlus]);
    }
}
