namespace NeuralNet.MLExtensions.Engine;

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>All <c>MaximumNumberOfEpochs</c> epochs ran.</summary>
    MaximumEpochsReached = 0,
    /// <summary>The training loss stopped improving by <c>ConvergenceTolerance</c> for <c>ConvergencePatience</c> epochs.</summary>
    TrainingLossConverged = 1,
    /// <summary>The validation metric stopped improving by <c>EarlyStoppingMinimumImprovement</c> for <c>EarlyStoppingPatience</c> epochs.</summary>
    EarlyStopping = 2,
}
