namespace NeuralNet.MLExtensions.Engine;

/// <summary>How each class's examples are weighted in the loss (on top of any example weights).</summary>
public enum ClassWeighting
{
    /// <summary>Every class weighs 1.</summary>
    None = 0,
    /// <summary>Inverse class frequency: class c weighs rows/(classes present·rows of c), as scikit-learn's "balanced".</summary>
    Balanced = 1,
    /// <summary>The weights listed in <c>ClassWeights</c>, one per class in label-key order.</summary>
    Explicit = 2,
}
