using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

public sealed partial class MlpRegressionTrainer
{
    /// <summary>
    /// Options of the regression MLP trainer: every shared option (<see cref="MlpOptionsBase"/>) and the loss. The label
    /// is a Single; the target is standardised inside the model (its mean and scale are saved) and predictions come in
    /// its units. LabelSmoothing and ClassWeighting do not apply; EarlyStoppingMetric ValidationAccuracy is refused (use
    /// ValidationLoss).
    /// </summary>
    public sealed class Options : MlpOptionsBase
    {
        /// <summary>
        /// Squared (default: predicts the mean) or Huber (squared for residuals up to <see cref="HuberDelta"/>, linear
        /// beyond: less pulled by outliers).
        /// </summary>
        public RegressionLossKind RegressionLoss { get; set; } = MlpDefaults.RegressionLoss;

        /// <summary>Huber's threshold δ, in standard deviations of the target, &gt; 0. Default 1. Used with RegressionLoss Huber only.</summary>
        public float HuberDelta { get; set; } = MlpDefaults.HuberDelta;

        internal override MlpTask Task => MlpTask.Regression;
    }
}
