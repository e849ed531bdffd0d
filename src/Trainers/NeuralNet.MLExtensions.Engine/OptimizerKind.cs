namespace NeuralNet.MLExtensions.Engine;

/// <summary>The gradient-descent method that updates the weights after each mini-batch.</summary>
public enum OptimizerKind
{
    /// <summary>Adam: per-parameter step sizes from running moments of the gradient. A robust default.</summary>
    Adam = 0,
    /// <summary>AdamW: Adam with weight decay applied directly to the weights, decoupled from the gradient.</summary>
    AdamW = 1,
    /// <summary>Stochastic gradient descent with (optionally Nesterov) momentum.</summary>
    Sgd = 2,
}
