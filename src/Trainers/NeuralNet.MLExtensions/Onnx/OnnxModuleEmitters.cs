using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// The one table from a network module to its ONNX emitter (one small emitter per module kind, each in its own file).
/// A new module kind adds one line here; a module without one stops the export with its name.
/// </summary>
internal static class OnnxModuleEmitters
{
    /// <summary>x: [rows×module.InputWidth] → [rows×module.OutputWidth]; returns the output's variable.</summary>
    public static string Emit(OnnxGraph graph, Module module, ReadOnlySpan<float> parameters, string x) => module switch
    {
        DenseLayer dense => DenseLayerEmitter.Emit(graph, dense, parameters, x),
        _ => throw new NotSupportedException(
            $"The MLP cannot be exported to ONNX: its module '{module}' ({module.GetType().Name}) has no ONNX emitter. " +
            $"Export is available for networks made of {nameof(DenseLayer)}s; add an emitter to {nameof(OnnxModuleEmitters)}."),
    };
}
