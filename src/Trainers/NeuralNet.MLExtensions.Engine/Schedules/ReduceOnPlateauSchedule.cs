namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>
/// Keeps the rate until the monitored loss has not improved on its best by a relative 10⁻⁴ for <c>patience</c>
/// epochs, then multiplies it by <c>factor</c> (not below <c>minimum</c>) and starts counting again. The current
/// rate and the watch of the loss are <see cref="TrainingState.PlateauLearningRate"/> and <see cref="TrainingState.Plateau"/>.
/// </summary>
internal sealed class ReduceOnPlateauSchedule(float baseRate, float factor, int patience, float minimum) : LearningRateSchedule(baseRate)
{
    private const double RelativeThreshold = 1e-4;

    public override float Rate(int epoch, TrainingState state) => state.PlateauLearningRate;

    public override TrainingState EndOfEpoch(TrainingState state, double monitoredLoss)
    {
        var watch = state.Plateau;
        int epoch = state.EpochsCompleted;
        if (monitoredLoss < watch.Value * (1 - RelativeThreshold) || double.IsPositiveInfinity(watch.Value))
            return state with { Plateau = new BestSoFar(monitoredLoss, epoch, 0) };
        if (watch.StaleEpochs + 1 < patience)
            return state with { Plateau = watch with { StaleEpochs = watch.StaleEpochs + 1 } };
        return state with { Plateau = watch with { StaleEpochs = 0 }, PlateauLearningRate = Math.Max(minimum, state.PlateauLearningRate * factor) };
    }
}
