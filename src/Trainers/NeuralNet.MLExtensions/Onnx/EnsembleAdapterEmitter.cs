using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// An ensemble's input adapter (<see cref="EnsembleAdapter"/>) as one Mul by the members' scales stored [k×1×d]:
/// ONNX broadcasting turns x [N×d] into the member-major [k×N×d], member i's copy of row b at [i, b], the engine's row
/// i·N + b. The products are the engine's, one float multiplication each.
/// </summary>
internal static class EnsembleAdapterEmitter
{
    /// <summary>x: [N×d] → [k×N×d], x[b] ⊙ r_i; returns its variable.</summary>
    public static string Emit(OnnxGraph graph, EnsembleAdapter adapter, ReadOnlySpan<float> parameters, string x)
    {
        float[] scales = adapter.ScaleRange.Of(parameters).ToArray();
        string r = graph.Constant("Mlp.Ensemble.Scales", scales, adapter.Members, 1, adapter.InputWidth);
        return graph.Node("Mul", "Mlp.Ensemble.Members", [x, r]);
    }
}
