namespace NeuralNet.MLExtensions.Engine.Optimizers;

/// <summary>
/// SGD with momentum μ: v ← μ·v + g; p ← p − lr·v, or with Nesterov p ← p − lr·(g + μ·v). μ = 0 is plain SGD.
/// A subnormal velocity and a parameter below 2⁻⁶⁴ in size become 0, as in Adam (<see cref="Kernels.ElementWise.Adam"/>).
/// </summary>
internal sealed class SgdOptimizer : Optimizer
{
    private readonly float[] _velocity;
    private readonly float _momentum;
    private readonly bool _nesterov;

    public SgdOptimizer(int parameterCount, float learningRate, float momentum, bool nesterov)
        : base(learningRate, weightDecay: 0f)
    {
        _velocity = new float[parameterCount];
        _momentum = momentum;
        _nesterov = nesterov;
    }

    public override IReadOnlyList<float[]> State => [_velocity];

    // parameters, gradients: [n], the parameters from offset on; the velocity indexed likewise.
    protected override void Update(int offset, Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        float lr = LearningRate, mu = _momentum;
        Span<float> v = _velocity.AsSpan(offset, parameters.Length);
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradients[i];
            float vi = mu * v[i] + g;
            v[i] = Kernels.ElementWise.FlushSubnormal(vi);
            parameters[i] = Kernels.ElementWise.FlushNegligible(parameters[i] - lr * (_nesterov ? g + mu * vi : vi));
        }
    }
}
