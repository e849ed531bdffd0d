namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>The settings' two ways to cancel (the token and the polled flag), checked once per block and per mini-batch.</summary>
internal static class StreamCancellation
{
    public static Action For(MlpTrainingSettings settings) => settings.ThrowIfCancelled;
}
