namespace NeuralNet.MLExtensions.Engine;

/// <summary>The non-linearity applied by a hidden layer after its affine map.</summary>
public enum Activation
{
    /// <summary>max(0, z). He initialisation.</summary>
    Relu = 0,
    /// <summary>z for z &gt; 0, 0.01·z otherwise. He initialisation.</summary>
    LeakyRelu = 1,
    /// <summary>Hyperbolic tangent. Glorot initialisation.</summary>
    Tanh = 2,
    /// <summary>Logistic sigmoid 1/(1+e^-z). Glorot initialisation.</summary>
    Sigmoid = 3,
    /// <summary>Gaussian error linear unit, tanh approximation. He initialisation.</summary>
    Gelu = 4,
    /// <summary>No non-linearity. Glorot initialisation.</summary>
    Identity = 5,
}
