namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>
/// The regression loss on one output o per row against the standardised target t, residual r = o − t: squared
/// ½·r² (gradient r), or Huber with threshold δ, ½·r² for |r| ≤ δ and δ·(|r| − ½δ) beyond (gradient r clipped to
/// [−δ, δ]). Squared is Huber with δ = ∞. Forward keeps the residuals for backward.
/// </summary>
internal sealed class RegressionLoss : ILoss
{
    private readonly float _delta;
    private readonly float[] _residuals;

    /// <summary>delta: Huber's threshold, or +∞ for the squared loss.</summary>
    public RegressionLoss(float delta, int batchCapacity)
    {
        if (!(delta > 0f)) throw new ArgumentOutOfRangeException(nameof(delta), delta, $"The Huber threshold must be positive; got {delta}.");
        _delta = delta;
        _residuals = new float[Modules.BufferSize.Of(batchCapacity, 1, "Residuals of a mini-batch")];
    }

    /// <summary>The loss <paramref name="settings"/> ask for.</summary>
    public static RegressionLoss For(MlpTrainingSettings settings, int batchCapacity) =>
        new(settings.RegressionLoss == RegressionLossKind.Huber ? settings.HuberDelta : float.PositiveInfinity, batchCapacity);

    /// <summary>outputs: [batch×1], targets: [batch] → Σ_rows w·loss(o − t).</summary>
    public double Forward(ReadOnlySpan<float> outputs, int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights)
    {
        if (targets.Length < batch) throw new ArgumentException($"Regression loss: expected {batch} targets; got {targets.Length}.", nameof(targets));
        double loss = 0;
        for (int r = 0; r < batch; r++)
        {
            float residual = outputs[r] - targets[r];
            _residuals[r] = residual;
            double a = Math.Abs((double)residual);
            double row = a <= _delta ? 0.5 * a * a : _delta * (a - 0.5 * _delta);
            loss += (weights.IsEmpty ? 1f : weights[r]) * row;
        }
        return loss;
    }

    /// <summary>dOutputs: [batch×1] = w·scale·clip(r, −δ, δ).</summary>
    public void Backward(int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, float scale, Span<float> dOutputs)
    {
        for (int r = 0; r < batch; r++)
            dOutputs[r] = (weights.IsEmpty ? 1f : weights[r]) * scale * Math.Clamp(_residuals[r], -_delta, _delta);
    }
}
