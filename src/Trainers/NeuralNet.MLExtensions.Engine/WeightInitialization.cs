namespace NeuralNet.MLExtensions.Engine;

/// <summary>How a network's initial weights are drawn. Biases always start at zero.</summary>
public enum WeightInitialization
{
    /// <summary>Matched to each layer's activation: He for ReLU, leaky ReLU and GELU; Glorot for tanh, sigmoid, identity and the output layer.</summary>
    Auto = 0,
    /// <summary>He (Kaiming) normal: N(0, 2/fan_in).</summary>
    He = 1,
    /// <summary>Glorot (Xavier) uniform: U(±√(6/(fan_in+fan_out))).</summary>
    Glorot = 2,
    /// <summary>Plain N(0, 1): no scaling by layer width. Deep networks initialised this way show vanishing or exploding gradients; kept for demonstrations.</summary>
    StandardNormal = 3,
}
