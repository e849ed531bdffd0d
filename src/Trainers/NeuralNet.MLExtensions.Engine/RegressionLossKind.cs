namespace NeuralNet.MLExtensions.Engine;

/// <summary>The loss a regression network is trained with, on the standardised target.</summary>
public enum RegressionLossKind
{
    /// <summary>½·r², r the residual: the mean predicted; the usual choice.</summary>
    Squared = 0,
    /// <summary>½·r² for |r| ≤ δ, δ·(|r| − ½δ) beyond: robust to outliers (δ is <see cref="MlpTrainingSettings.HuberDelta"/>, in standard deviations of the target).</summary>
    Huber = 1,
}
