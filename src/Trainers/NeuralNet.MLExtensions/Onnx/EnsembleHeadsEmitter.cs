using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// An ensemble's k output heads (<see cref="EnsembleHeads"/>) as one batched MatMul, member by member along the leading
/// axis, with each head's Wᵢᵀ stored in a constant [k×in×out], then Add of the biases stored [k×1×out].
/// </summary>
internal static class EnsembleHeadsEmitter
{
    /// <summary>x: [k×N×in] → [k×N×out], member i's rows times its own head; returns the output's variable.</summary>
    public static string Emit(OnnxGraph graph, EnsembleHeads heads, ReadOnlySpan<float> parameters, string x)
    {
        int k = heads.Members, d = heads.InputWidth, n = heads.OutputWidth;
        var transposed = new float[k * d * n];
        for (int i = 0; i < k; i++)
        {
            ReadOnlySpan<float> w = heads.Weights(parameters, i);   // [out×in]
            for (int o = 0; o < n; o++)
                for (int c = 0; c < d; c++) transposed[(i * d + c) * n + o] = w[o * d + c];
        }
        string weights = graph.Constant("Mlp.Heads.WeightsT", transposed, k, d, n);
        string bias = graph.Constant("Mlp.Heads.Bias", heads.BiasRange.Of(parameters).ToArray(), k, 1, n);
        string product = graph.Node("MatMul", "Mlp.Heads.MatMul", [x, weights]);
        return graph.Node("Add", "Mlp.Heads.Z", [product, bias]);
    }
}
