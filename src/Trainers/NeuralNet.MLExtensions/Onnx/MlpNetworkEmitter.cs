using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// A trained model's path from raw features to a layer's output, as scoring runs it (MlpInference,
/// MlpNetwork.ForwardThrough): the input standardisation, then each module in order, each through its emitter; an
/// ensemble's k member rows per row (a leading axis of k from its adapter on) then combined as
/// <see cref="MemberMean"/> does (<see cref="MemberMeanEmitter"/>).
/// </summary>
internal static class MlpNetworkEmitter
{
    /// <summary>
    /// features: [rows×FeatureCount] raw → the activations of dense layer <paramref name="lastLayer"/> (the output
    /// layer's logits, or the regression output before the target's un-standardisation; an ensemble's hidden layer
    /// gives the members' mean activation); returns their variable.
    /// </summary>
    public static string Emit(OnnxGraph graph, MlpModelParameters model, string features, int lastLayer)
    {
        MlpNetwork network = model.Network;
        int count = model.Architecture.LayerCount;
        if ((uint)lastLayer >= (uint)count)
            throw new ArgumentOutOfRangeException(nameof(lastLayer), lastLayer, $"The network has dense layers 0..{count - 1}.");
        bool toOutput = lastLayer == count - 1;
        Module final = toOutput && network.Heads is not null ? network.Heads : network.Layers[lastLayer];
        string x = FeatureStandardizerEmitter.Emit(graph, model.Standardizer, features);
        ReadOnlySpan<float> parameters = network.Parameters;
        foreach (Module module in network.Modules)
        {
            x = OnnxModuleEmitters.Emit(graph, module, parameters, x);
            if (ReferenceEquals(module, final)) break;
        }
        if (network.Adapter is not { } adapter) return x;
        return toOutput ? MemberMeanEmitter.Outputs(graph, model.Task, adapter.Members, x) : MemberMeanEmitter.Activations(graph, x);
    }
}
