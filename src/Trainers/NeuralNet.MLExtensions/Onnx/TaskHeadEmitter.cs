using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// The columns a task's scorer appends, from the output layer's values, as the transformer computes them
/// (Scoring/ScoreSchema, TaskScoreSchema, MlpScoreFunction): multiclass Score = softmax (a [rows×K] float tensor) and
/// PredictedLabel = 1 + argmax (uint32, ML.NET's 1-based key); binary Score = the logit, Probability = σ(logit),
/// PredictedLabel = logit &gt; 0 (bool); regression Score = Mean + Scale·output in double precision, then float, as
/// TargetStandardizer.Invert does.
/// </summary>
internal static class TaskHeadEmitter
{
    /// <summary>Writes the task's output columns from <paramref name="output"/>: [rows×OutputSize].</summary>
    public static void Emit(OnnxGraph graph, MlpModelParameters model, string output)
    {
        switch (model.Task)
        {
            case MlpTask.Multiclass: Multiclass(graph, model.Classes.Count, output); break;
            case MlpTask.Binary: Binary(graph, output); break;
            case MlpTask.Regression: Regression(graph, model.TargetStandardizer!, output); break;
            default: throw new NotSupportedException($"The MLP's task {model.Task} has no ONNX export.");
        }
    }

    private static void Multiclass(OnnxGraph graph, int classes, string logits)
    {
        string score = graph.DeclareColumn(AnnotationNames.Score, new VectorDataViewType(NumberDataViewType.Single, classes));
        graph.NodeInto("Softmax", [logits], score, ("axis", 1L));
        // First index on ties, as ScoreSchema.ArgMax; then + 1 and uint32, ML.NET's key (0 is "missing").
        string index = graph.Node("ArgMax", "Mlp.ArgMax", [score], ("axis", 1L), ("keepdims", 1L));
        string oneBased = graph.Node("Add", "Mlp.ArgMax.OneBased", [index, graph.Constant("Mlp.One", new[] { 1L }, 1)]);
        string label = graph.DeclareColumn(AnnotationNames.PredictedLabel, new KeyDataViewType(typeof(uint), classes));
        graph.NodeInto("Cast", [oneBased], label, ("to", typeof(uint)));
    }

    private static void Binary(OnnxGraph graph, string logit)
    {
        string score = graph.DeclareColumn(AnnotationNames.Score, NumberDataViewType.Single);
        graph.NodeInto("Identity", [logit], score);
        string probability = graph.DeclareColumn(AnnotationNames.Probability, NumberDataViewType.Single);
        graph.NodeInto("Sigmoid", [logit], probability);
        string label = graph.DeclareColumn(AnnotationNames.PredictedLabel, BooleanDataViewType.Instance);
        graph.NodeInto("Greater", [logit, graph.Constant("Mlp.Zero", 0f)], label);
    }

    private static void Regression(OnnxGraph graph, TargetStandardizer target, string output)
    {
        string wide = graph.Node("Cast", "Mlp.Output.Double", [output], ("to", typeof(double)));
        string scaled = graph.Node("Mul", "Mlp.Output.Scaled", [wide, graph.Constant("Mlp.Target.Scale", new[] { target.Scale }, 1)]);
        string shifted = graph.Node("Add", "Mlp.Output.Shifted", [scaled, graph.Constant("Mlp.Target.Mean", new[] { target.Mean }, 1)]);
        string score = graph.DeclareColumn(AnnotationNames.Score, NumberDataViewType.Single);
        graph.NodeInto("Cast", [shifted], score, ("to", typeof(float)));
    }
}
