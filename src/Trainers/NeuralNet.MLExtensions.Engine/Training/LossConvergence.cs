namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// The training-loss stop: an epoch counts as stale when its loss is not below the best so far by the tolerance;
/// <c>patience</c> stale epochs in a row end training.
/// </summary>
internal sealed class LossConvergence(float tolerance, int patience)
{
    public double Best { get; set; } = double.PositiveInfinity;
    public int Stale { get; set; }

    /// <summary>Records an epoch's training loss; returns true when training has converged.</summary>
    public bool Observe(double loss)
    {
        Stale = loss > Best - tolerance ? Stale + 1 : 0;
        if (loss < Best) Best = loss;
        return Stale >= patience;
    }
}
