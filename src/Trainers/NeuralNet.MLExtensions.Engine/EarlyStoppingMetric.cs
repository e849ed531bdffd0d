namespace NeuralNet.MLExtensions.Engine;

/// <summary>What early stopping watches on the validation data.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>No early stopping; validation metrics are still computed and recorded.</summary>
    None = 0,
    /// <summary>Mean (example-weighted) cross-entropy on the validation data: lower is better.</summary>
    ValidationLoss = 1,
    /// <summary>Fraction of validation rows classified correctly: higher is better.</summary>
    ValidationAccuracy = 2,
}
