namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>A module's request for <paramref name="Length"/> parameters of one kind; <paramref name="Layer"/> groups its gradient norm.</summary>
internal readonly record struct ParameterBlock(ParameterKind Kind, long Length, int Layer);
