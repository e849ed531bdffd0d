namespace NeuralNet.MLExtensions.Engine.Data;

/// <summary>Checks regression targets before training: one finite value per row, and validation rows with their targets.</summary>
internal static class RegressionData
{
    public static void Check(float[]? targets, int rows, ValidationSet? validation)
    {
        if (targets is null || targets.Length < rows)
            throw new ArgumentException($"Regression needs {rows} targets; got {targets?.Length ?? 0}.", nameof(targets));
        for (int i = 0; i < rows; i++)
            if (!float.IsFinite(targets[i]))
                throw new ArgumentOutOfRangeException(nameof(targets), targets[i], $"Target of row {i} must be a finite number; got {targets[i]}.");
        if (validation is null) return;
        if (validation.Targets is not { } v || v.Length != validation.Rows)
            throw new ArgumentException($"Regression validation data needs {validation.Rows} targets (build it with ValidationSet.ForRegression); got {validation.Targets?.Length ?? 0}.", nameof(validation));
        for (int i = 0; i < v.Length; i++)
            if (!float.IsFinite(v[i]))
                throw new ArgumentOutOfRangeException(nameof(validation), v[i], $"Validation target of row {i} must be a finite number; got {v[i]}.");
    }
}
