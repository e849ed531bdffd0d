namespace NeuralNet.MLExtensions.Persistence;

/// <summary>What a saved MLP holds: the model and, inside an ML.NET pipeline, the features column it reads (else empty).</summary>
internal sealed record SavedModel(string FeatureColumnName, MlpModelParameters Model);
