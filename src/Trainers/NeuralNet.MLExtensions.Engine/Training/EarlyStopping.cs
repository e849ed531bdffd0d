namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Watches the validation loss (lower is better) or accuracy (higher is better) after each epoch: an epoch improves
/// when it beats the best so far by more than the minimum improvement; after <c>patience</c> epochs in a row
/// without improvement, training should stop. The watch itself is <see cref="TrainingState.EarlyStopping"/>.
/// </summary>
internal sealed class EarlyStopping(EarlyStoppingMetric metric, int patience, float minimumImprovement)
{
    /// <summary>The watch after an epoch's validation metrics; its <see cref="BestSoFar.Epoch"/> is <paramref name="epoch"/> when it is the new best.</summary>
    public BestSoFar Observe(BestSoFar watch, int epoch, double loss, double accuracy)
    {
        bool improved = metric == EarlyStoppingMetric.ValidationAccuracy
            ? double.IsNaN(watch.Value) || accuracy > watch.Value + minimumImprovement
            : double.IsNaN(watch.Value) || -loss > -watch.Value + minimumImprovement;
        double value = metric == EarlyStoppingMetric.ValidationAccuracy ? accuracy : loss;
        return improved ? new BestSoFar(value, epoch, 0) : watch with { StaleEpochs = watch.StaleEpochs + 1 };
    }

    /// <summary>True once <c>patience</c> epochs in a row failed to improve.</summary>
    public bool ShouldStop(BestSoFar watch) => watch.StaleEpochs >= patience;
}
