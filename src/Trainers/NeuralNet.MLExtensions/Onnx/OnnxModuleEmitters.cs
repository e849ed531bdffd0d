using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// The one table from a network module to its ONNX emitter (one small emitter per module kind, each in its own file).
/// A new module kind adds one line here; a module without one stops the export with its name.
/// </summary>
internal static class OnnxModuleEmitters
{
    /// <summary>
    /// x: [rows×module.InputWidth] → [rows×module.OutputWidth], where an ensemble's rows are [k×N] (member-major, from
    /// its adapter on); returns the output's variable.
    /// </summary>
    public static string Emit(OnnxGraph graph, Module module, ReadOnlySpan<float> parameters, string x) => module switch
    {
        DenseLayer dense => DenseLayerEmitter.Emit(graph, dense, parameters, x),
        PeriodicEmbedding embedding => PeriodicEmbeddingEmitter.Emit(graph, embedding, parameters, x),
        PiecewiseLinearEmbedding encoding => PiecewiseLinearEmitter.Emit(graph, encoding, x),
        FeatureScaleLayer scale => FeatureScaleLayerEmitter.Emit(graph, scale, parameters, x),
        EnsembleAdapter adapter => EnsembleAdapterEmitter.Emit(graph, adapter, parameters, x),
        EnsembleHeads heads => EnsembleHeadsEmitter.Emit(graph, heads, parameters, x),
        _ => throw new NotSupportedException(
            $"The MLP cannot be exported to ONNX: its module '{module}' ({module.GetType().Name}) has no ONNX emitter. " +
            $"Export is available for networks made of {nameof(DenseLayer)}s, with or without an ensemble and an input stage; add an emitter to {nameof(OnnxModuleEmitters)}."),
    };
}
