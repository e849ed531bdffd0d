namespace NeuralNet.MLExtensions.Engine.Schedules;

/// <summary>
/// Keeps the rate until the monitored loss has not improved on its best by a relative 10⁻⁴ for <c>patience</c>
/// epochs, then multiplies it by <c>factor</c> (not below <c>minimum</c>) and starts counting again.
/// </summary>
internal sealed class ReduceOnPlateauSchedule(float baseRate, float factor, int patience, float minimum) : LearningRateSchedule(baseRate)
{
    private const double RelativeThreshold = 1e-4;
    private float _rate = baseRate;
    private double _best = double.PositiveInfinity;
    private int _stale;

    public override float Rate(int epoch) => _rate;

    public override void EndOfEpoch(double monitoredLoss)
    {
        if (monitoredLoss < _best * (1 - RelativeThreshold) || double.IsPositiveInfinity(_best))
        {
            _best = monitoredLoss;
            _stale = 0;
            return;
        }
        if (++_stale >= patience)
        {
            _rate = Math.Max(minimum, _rate * factor);
            _stale = 0;
        }
    }

    public override (float Rate, double Best, int Stale) State
    {
        get => (_rate, _best, _stale);
        set => (_rate, _best, _stale) = value;
    }
}
