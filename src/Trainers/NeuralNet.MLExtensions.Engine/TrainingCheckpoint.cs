namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Everything beyond the weights that training needs to continue exactly where it stopped: the optimizer's state
/// and step count, the number of epochs done (it positions the schedule and picks each epoch's shuffle), and the
/// state of reduce-on-plateau and of the training-loss convergence check. Plain data, for saving with the model.
/// </summary>
/// <param name="EpochsCompleted">Epochs trained so far.</param>
/// <param name="Optimizer">The optimizer the state belongs to.</param>
/// <param name="OptimizerStepCount">Updates made so far (Adam's bias correction reads it).</param>
/// <param name="OptimizerState">The optimizer's buffers, each one value per parameter: Adam and AdamW [m, v], SGD [velocity].</param>
/// <param name="PlateauLearningRate">Reduce-on-plateau's current rate (the base rate for the other schedules).</param>
/// <param name="PlateauBestLoss">Reduce-on-plateau's best monitored loss so far (+∞ before the first epoch).</param>
/// <param name="PlateauStaleEpochs">Reduce-on-plateau's epochs without improvement since the last reduction.</param>
/// <param name="ConvergenceBestLoss">Best training loss so far, for the convergence stop (+∞ before the first epoch).</param>
/// <param name="ConvergenceStaleEpochs">Epochs in a row without enough improvement of the training loss.</param>
public sealed record TrainingCheckpoint(
    int EpochsCompleted,
    OptimizerKind Optimizer,
    long OptimizerStepCount,
    IReadOnlyList<float[]> OptimizerState,
    float PlateauLearningRate,
    double PlateauBestLoss,
    int PlateauStaleEpochs,
    double ConvergenceBestLoss,
    int ConvergenceStaleEpochs);
