using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// <see cref="MemberMean"/> as ONNX operators, the same formulas in float32 (the engine works in double, then rounds):
/// over the leading member axis of [k×N×width], multiclass logits log p̄_c = log Σ_i softmax(z_i)_c − log k (LogSoftmax,
/// then ReduceLogSumExp), the binary logit(p̄) = log Σ_i σ(z_i) − log Σ_i (1 − σ(z_i)) with log σ(z) = −softplus(−z),
/// and for regression and hidden layers the mean (ReduceMean). The task's head then reads these logits as it reads a
/// single network's (<see cref="TaskHeadEmitter"/>). Reductions take their axes as an attribute (opsets up to 17).
/// </summary>
internal static class MemberMeanEmitter
{
    private static readonly long[] MemberAxis = [0];

    /// <summary>members: [k×N×OutputSize] → [N×OutputSize], the ensemble's logits (or mean regression output).</summary>
    public static string Outputs(OnnxGraph graph, MlpTask task, int k, string members) => task switch
    {
        MlpTask.Multiclass => MulticlassLogits(graph, k, members),
        MlpTask.Binary => BinaryLogit(graph, members),
        _ => Activations(graph, members),
    };

    /// <summary>members: [k×N×width] → mean: [N×width].</summary>
    public static string Activations(OnnxGraph graph, string members) =>
        graph.Node("ReduceMean", "Mlp.MemberMean", [members], ("axes", MemberAxis), ("keepdims", 0L));

    private static string MulticlassLogits(OnnxGraph graph, int k, string members)
    {
        // log p_ic = z_ic − log Σ_c' exp z_ic' over the last axis (below opset 13 ONNX flattens [k×N×K] at axis 2 to
        // [(k·N)×K], the same rows); then log Σ_i p_ic, a log-sum-exp over the members; then − log k.
        string logP = graph.Node("LogSoftmax", "Mlp.Members.LogP", [members], ("axis", 2L));
        string logSum = graph.Node("ReduceLogSumExp", "Mlp.Ensemble.LogSumP", [logP], ("axes", MemberAxis), ("keepdims", 0L));
        return graph.Node("Sub", "Mlp.Ensemble.Logits", [logSum, graph.Constant("Mlp.Ensemble.LogK", (float)Math.Log(k))]);
    }

    private static string BinaryLogit(OnnxGraph graph, string members)
    {
        // log σ(z) = −softplus(−z), log (1 − σ(z)) = −softplus(z); the 1/k of both means cancels.
        string logP = graph.Node("Neg", "Mlp.Members.LogP", [graph.Node("Softplus", "Mlp.Members.SoftplusNeg", [graph.Node("Neg", "Mlp.Members.NegZ", [members])])]);
        string logQ = graph.Node("Neg", "Mlp.Members.LogQ", [graph.Node("Softplus", "Mlp.Members.Softplus", [members])]);
        string sumP = graph.Node("ReduceLogSumExp", "Mlp.Ensemble.LogSumP", [logP], ("axes", MemberAxis), ("keepdims", 0L));
        string sumQ = graph.Node("ReduceLogSumExp", "Mlp.Ensemble.LogSumQ", [logQ], ("axes", MemberAxis), ("keepdims", 0L));
        return graph.Node("Sub", "Mlp.Ensemble.Logit", [sumP, sumQ]);
    }
}
