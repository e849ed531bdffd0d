namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// A regression target's standardisation: the network learns (y − Mean)/Scale, and its output o means Mean + Scale·o
/// in the target's own units. Fitted on the training rows (example-weighted); a constant target gets scale 1.
/// </summary>
public sealed class TargetStandardizer
{
    /// <summary>A standardisation with the given mean and scale (finite, scale positive).</summary>
    public TargetStandardizer(double mean, double scale)
    {
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, $"The target mean must be finite; got {mean}.");
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"The target scale must be finite and positive; got {scale}.");
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Mean of the training targets.</summary>
    public double Mean { get; }
    /// <summary>Standard deviation of the training targets (1 for a constant target).</summary>
    public double Scale { get; }

    /// <summary>Fits on targets: [rows] with weights: [rows] or null.</summary>
    public static TargetStandardizer Fit(ReadOnlySpan<float> targets, ReadOnlySpan<float> weights)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            sum += w * targets[i];
            total += w;
        }
        double mean = total > 0 ? sum / total : 0, squares = 0;
        for (int i = 0; i < targets.Length; i++) squares += (weights.IsEmpty ? 1 : weights[i]) * (targets[i] - mean) * (targets[i] - mean);
        double sd = total > 0 ? Math.Sqrt(squares / total) : 0;
        return new TargetStandardizer(mean, sd > 1e-12 * Math.Max(1, Math.Abs(mean)) && double.IsFinite(sd) ? sd : 1);
    }

    /// <summary>targets → (targets − Mean)/Scale, in place.</summary>
    public void Apply(Span<float> targets)
    {
        for (int i = 0; i < targets.Length; i++) targets[i] = (float)((targets[i] - Mean) / Scale);
    }

    /// <summary>Network outputs → Mean + Scale·outputs (the target's units), in place.</summary>
    public void Invert(Span<float> outputs)
    {
        for (int i = 0; i < outputs.Length; i++) outputs[i] = (float)(Mean + Scale * outputs[i]);
    }
}
