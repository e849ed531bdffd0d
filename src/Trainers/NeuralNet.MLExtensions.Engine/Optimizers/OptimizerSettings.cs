namespace NeuralNet.MLExtensions.Engine.Optimizers;

/// <summary>Hyper-parameters an optimizer may read; each optimizer uses the ones that concern it.</summary>
internal readonly record struct OptimizerSettings(
    float LearningRate, float Momentum, bool Nesterov, float Beta1, float Beta2, float Epsilon, float WeightDecay);
