namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>
/// One cycle over <c>totalEpochs</c>: linear rise from base/25 to base over the first 30% of the epochs, then a half
/// cosine down to base/10⁴ at the last epoch.
/// </summary>
internal sealed class OneCycleSchedule(float baseRate, int totalEpochs) : LearningRateSchedule(baseRate)
{
    private const double RiseFraction = 0.3, StartDivisor = 25, EndDivisor = 1e4;
    private readonly int _rise = Math.Max(1, (int)Math.Round(RiseFraction * totalEpochs));

    public override float Rate(int epoch, TrainingState state)
    {
        float start = (float)(BaseRate / StartDivisor), end = (float)(BaseRate / EndDivisor);
        if (epoch < _rise) return start + (BaseRate - start) * epoch / _rise;
        return Cosine(BaseRate, end, (double)(epoch - _rise) / Math.Max(1, totalEpochs - 1 - _rise));
    }
}
