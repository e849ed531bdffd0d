namespace NeuralNet.MLExtensions.Scoring;

/// <summary>The computed floats of the current row, which the appended columns' getters read.</summary>
internal abstract class RowValues
{
    /// <summary>The current row's outputs.</summary>
    public abstract ReadOnlySpan<float> Current();
}
