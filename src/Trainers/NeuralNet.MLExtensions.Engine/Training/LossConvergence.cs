namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// The training-loss stop: an epoch counts as stale when its loss is not below the best so far by the tolerance;
/// <c>patience</c> stale epochs in a row end training. The watch itself is <see cref="TrainingState.Convergence"/>.
/// </summary>
internal sealed class LossConvergence(float tolerance, int patience)
{
    /// <summary>The watch after epoch <paramref name="epoch"/> with training loss <paramref name="loss"/>.</summary>
    public BestSoFar Observe(BestSoFar watch, int epoch, double loss)
    {
        int stale = loss > watch.Value - tolerance ? watch.StaleEpochs + 1 : 0;
        return loss < watch.Value ? new BestSoFar(loss, epoch, stale) : watch with { StaleEpochs = stale };
    }

    /// <summary>True when training has converged.</summary>
    public bool HasConverged(BestSoFar watch) => watch.StaleEpochs >= patience;
}
