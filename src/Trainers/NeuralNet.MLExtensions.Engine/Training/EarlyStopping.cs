namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Watches the validation loss (lower is better) or accuracy (higher is better) after each epoch: an epoch improves
/// when it beats the best so far by more than the minimum improvement; after <c>patience</c> epochs in a row
/// without improvement, training should stop.
/// </summary>
internal sealed class EarlyStopping(EarlyStoppingMetric metric, int patience, float minimumImprovement)
{
    private double _best = double.NaN;
    private int _stale;

    /// <summary>The epoch of the best value so far (0 before any).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>True once <c>patience</c> epochs in a row failed to improve.</summary>
    public bool ShouldStop => _stale >= patience;

    /// <summary>Records an epoch's metrics; returns true when it is the new best.</summary>
    public bool Observe(int epoch, double loss, double accuracy)
    {
        double value = metric == EarlyStoppingMetric.ValidationAccuracy ? accuracy : -loss;
        if (double.IsNaN(_best) || value > _best + minimumImprovement)
        {
            _best = value;
            BestEpoch = epoch;
            _stale = 0;
            return true;
        }
        _stale++;
        return false;
    }
}
