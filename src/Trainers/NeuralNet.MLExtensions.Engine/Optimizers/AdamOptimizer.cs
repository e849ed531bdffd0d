namespace NeuralNet.MLExtensions.Engine.Optimizers;

/// <summary>
/// Adam: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − lr·m̂/(√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
/// With a weight decay it is AdamW (the decay is applied by the base class, decoupled from the moments).
/// </summary>
internal sealed class AdamOptimizer : Optimizer
{
    private readonly float[] _m, _v;
    private readonly float _beta1, _beta2, _epsilon;

    public AdamOptimizer(int parameterCount, float learningRate, float beta1, float beta2, float epsilon, float weightDecay)
        : base(learningRate, weightDecay)
    {
        _m = new float[parameterCount];
        _v = new float[parameterCount];
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    public override IReadOnlyList<float[]> State => [_m, _v];

    private float _step, _eps;

    protected override void PrepareStep()
    {
        double t = StepCount;
        // Fold both bias corrections into the step size: lr·√(1−β2ᵗ)/(1−β1ᵗ), ε scaled to match.
        float correction1 = (float)(1 - Math.Pow(_beta1, t)), correction2 = (float)Math.Sqrt(1 - Math.Pow(_beta2, t));
        _step = LearningRate * correction2 / correction1;
        _eps = _epsilon * correction2;
    }

    // parameters, gradients: [n], the parameters from offset on; m, v indexed likewise.
    protected override void Update(int offset, Span<float> parameters, ReadOnlySpan<float> gradients) =>
        Kernels.ElementWise.Adam(parameters, gradients, _m.AsSpan(offset, parameters.Length), _v.AsSpan(offset, parameters.Length),
            _beta1, _beta2, _step, _eps);
}
