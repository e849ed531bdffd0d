using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

public sealed partial class MlpTrainer
{
    /// <summary>
    /// Options of the MLP trainer. Every default comes from <see cref="MlpDefaults"/>; every value is checked when the
    /// trainer is constructed, and a bad one gets an <see cref="ArgumentOutOfRangeException"/> naming the option.
    /// </summary>
    public sealed class Options
    {
        /// <summary>Name of the label column: a key type (use <c>MapValueToKey</c> on raw labels). Default "Label".</summary>
        public string LabelColumnName { get; set; } = "Label";

        /// <summary>Name of the feature column: a known-size vector of Single (use <c>Concatenate</c>). Default "Features".</summary>
        public string FeatureColumnName { get; set; } = "Features";

        /// <summary>Optional Single column scaling each example's loss; null for equal weights. Weights must be finite and ≥ 0.</summary>
        public string? ExampleWeightColumnName { get; set; }

        /// <summary>
        /// Width of each hidden layer, input side first. Default [100]. Empty gives multinomial logistic regression.
        /// Wider or more layers fit more complex data and cost time linearly in the parameter count.
        /// </summary>
        public int[] HiddenLayerSizes { get; set; } = MlpDefaults.HiddenLayerSizes.ToArray();

        /// <summary>
        /// Hidden-layer activation: one value for every hidden layer, or one per hidden layer. Default [Relu].
        /// Initial weights are matched to it (He for ReLU-like, Glorot for tanh and sigmoid).
        /// </summary>
        public Engine.Activation[] Activation { get; set; } = [MlpDefaults.Activation];

        /// <summary>Optimizer: Adam (default), AdamW (with <see cref="WeightDecay"/>) or Sgd (with <see cref="Momentum"/>).</summary>
        public OptimizerKind Optimizer { get; set; } = MlpDefaults.Optimizer;

        /// <summary>Step size, &gt; 0. Default 0.001 (suits Adam; SGD usually wants 0.01–0.1). Lower it if training diverges.</summary>
        public float LearningRate { get; set; } = MlpDefaults.LearningRate;

        /// <summary>Rows per mini-batch, ≥ 1. Default 32. The last, smaller batch of an epoch is used, not dropped.</summary>
        public int BatchSize { get; set; } = MlpDefaults.BatchSize;

        /// <summary>Maximum passes over the training data, ≥ 1. Default 200; training usually stops earlier on convergence.</summary>
        public int MaximumNumberOfEpochs { get; set; } = MlpDefaults.MaximumNumberOfEpochs;

        /// <summary>L2 penalty λ: adds λ/2·‖W‖² (weights, not biases) to the mean loss, ≥ 0. Default 1e-4. Raise it against over-fitting.</summary>
        public float L2Regularization { get; set; } = MlpDefaults.L2Regularization;

        /// <summary>Decoupled weight decay for AdamW, ≥ 0. Default 0.01. Ignored by the other optimizers.</summary>
        public float WeightDecay { get; set; } = MlpDefaults.WeightDecay;

        /// <summary>SGD momentum in [0, 1). Default 0.9. Ignored by Adam and AdamW.</summary>
        public float Momentum { get; set; } = MlpDefaults.Momentum;

        /// <summary>Use Nesterov momentum with SGD. Default true.</summary>
        public bool Nesterov { get; set; } = MlpDefaults.Nesterov;

        /// <summary>Adam's first-moment decay β1 in [0, 1). Default 0.9.</summary>
        public float Beta1 { get; set; } = MlpDefaults.Beta1;

        /// <summary>Adam's second-moment decay β2 in [0, 1). Default 0.999.</summary>
        public float Beta2 { get; set; } = MlpDefaults.Beta2;

        /// <summary>Adam's ε, &gt; 0. Default 1e-8.</summary>
        public float Epsilon { get; set; } = MlpDefaults.Epsilon;

        /// <summary>
        /// Training stops when the epoch's training loss has not fallen below the best so far by this much, ≥ 0, for
        /// <see cref="ConvergencePatience"/> epochs in a row. Default 1e-4. The stop is reported on the model and the log.
        /// </summary>
        public float ConvergenceTolerance { get; set; } = MlpDefaults.ConvergenceTolerance;

        /// <summary>Epochs without improvement before stopping, ≥ 1. Default 10.</summary>
        public int ConvergencePatience { get; set; } = MlpDefaults.ConvergencePatience;

        /// <summary>Standardise features (mean 0, variance 1) with statistics stored in the model. Default true.</summary>
        public bool StandardizeFeatures { get; set; } = MlpDefaults.StandardizeFeatures;

        /// <summary>How initial weights are drawn. Default Auto (matched to each layer's activation).</summary>
        public WeightInitialization WeightInitialization { get; set; } = WeightInitialization.Auto;

        /// <summary>
        /// Seed of the run's random source (initial weights, shuffles). Null (default) takes a seed from the MLContext
        /// the trainer was made with, as ML.NET's trainers do, or <see cref="MlpDefaults.Seed"/> without one.
        /// </summary>
        public int? Seed { get; set; }

        /// <summary>Threads for training, ≥ 1; null (default) uses every core. The model is bit-identical for any value.</summary>
        public int? NumberOfThreads { get; set; }

        /// <summary>
        /// What to do with training rows whose features hold NaN or infinity, whose label is missing, or whose weight
        /// is negative or not finite: false (default) fails <c>Fit</c> with an error naming how many rows and which
        /// feature slots; true skips them and reports the count on <c>MLContext.Log</c>.
        /// </summary>
        public bool SkipInvalidRows { get; set; }

        internal MlpTrainingSettings ToSettings(int seed, Action<EpochReport>? epochCompleted = null, CancellationToken cancellationToken = default) => new()
        {
            HiddenLayerSizes = HiddenLayerSizes,
            Activation = Activation,
            Optimizer = Optimizer,
            LearningRate = LearningRate,
            BatchSize = BatchSize,
            MaximumNumberOfEpochs = MaximumNumberOfEpochs,
            L2Regularization = L2Regularization,
            WeightDecay = WeightDecay,
            Momentum = Momentum,
            Nesterov = Nesterov,
            Beta1 = Beta1,
            Beta2 = Beta2,
            Epsilon = Epsilon,
            ConvergenceTolerance = ConvergenceTolerance,
            ConvergencePatience = ConvergencePatience,
            StandardizeFeatures = StandardizeFeatures,
            WeightInitialization = WeightInitialization,
            Seed = seed,
            NumberOfThreads = NumberOfThreads ?? Environment.ProcessorCount,
            EpochCompleted = epochCompleted,
            CancellationToken = cancellationToken,
        };

        internal Options Clone() => (Options)MemberwiseClone();
    }
}
