namespace NeuralNet.MLExtensions.Engine;

/// <summary>How the learning rate changes from epoch to epoch. The rate is set at the start of each epoch.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Always <c>LearningRate</c>.</summary>
    Constant = 0,
    /// <summary>Multiplied by <c>StepDecayFactor</c> every <c>StepDecayEpochs</c> epochs.</summary>
    StepDecay = 1,
    /// <summary>Multiplied by <c>ExponentialDecayRate</c> every epoch.</summary>
    ExponentialDecay = 2,
    /// <summary>
    /// Linear warm-up from LearningRate/(WarmupEpochs+1) over <c>WarmupEpochs</c> epochs, then a half cosine from
    /// <c>LearningRate</c> down to <c>MinimumLearningRate</c> at the last epoch.
    /// </summary>
    CosineDecay = 3,
    /// <summary>
    /// One cycle: linear rise from LearningRate/25 to <c>LearningRate</c> over the first 30% of the epochs, then a
    /// half cosine down to LearningRate/10⁴ (PyTorch's OneCycleLR defaults).
    /// </summary>
    OneCycle = 4,
    /// <summary>
    /// Multiplied by <c>PlateauFactor</c> (not below <c>MinimumLearningRate</c>) when the validation loss (the
    /// training loss without validation data) has not improved by a relative 10⁻⁴ for <c>PlateauPatience</c> epochs.
    /// </summary>
    ReduceOnPlateau = 5,
}
