namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// The sum of the example weights (the row count without weights): the divisor that makes summed weighted losses
/// weighted means, for the training loss as for the validation loss, so both are on one scale whatever the weights.
/// </summary>
internal static class ExampleWeightSum
{
    /// <summary>Σ weights[0..rows), or rows when <paramref name="weights"/> is null.</summary>
    public static double Of(float[]? weights, int rows)
    {
        if (weights is null) return rows;
        double sum = 0;
        for (int r = 0; r < rows; r++) sum += weights[r];
        return sum;
    }

    /// <summary>Σ weights[r] over <paramref name="rows"/>, or their count when <paramref name="weights"/> is null.</summary>
    public static double Of(float[]? weights, ReadOnlySpan<int> rows)
    {
        if (weights is null) return rows.Length;
        double sum = 0;
        foreach (int r in rows) sum += weights[r];
        return sum;
    }
}
