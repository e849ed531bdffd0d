namespace NeuralNet.MLExtensions.Engine.Optimizers;

/// <summary>
/// What every optimizer shares: the step counter, the learning rate, and decoupled weight decay on the weights (the
/// first <c>weightCount</c> parameters; biases are never decayed). Each optimizer supplies only its update rule and
/// its own state buffers.
/// </summary>
internal abstract class Optimizer
{
    protected Optimizer(float learningRate, float weightDecay)
    {
        LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    /// <summary>The step size of the next update (a schedule may change it between steps).</summary>
    public float LearningRate { get; set; }

    /// <summary>Decoupled weight decay λ: before each update, w ← w − lr·λ·w on weights only.</summary>
    public float WeightDecay { get; }

    /// <summary>How many updates have been made.</summary>
    public long StepCount { get; private set; }

    /// <summary>
    /// Starts one update: advances <see cref="StepCount"/>. <see cref="StepRange"/> over disjoint ranges covering all
    /// parameters (in any order, on any threads) then completes it; each element's update depends on that element alone.
    /// </summary>
    internal void BeginStep()
    {
        StepCount++;
        PrepareStep();
    }

    /// <summary>The update of parameters [start, start+length) after <see cref="BeginStep"/>; decay, then the method's rule.</summary>
    internal void StepRange(Span<float> parameters, ReadOnlySpan<float> gradients, int start, int length, int weightCount)
    {
        Span<float> p = parameters.Slice(start, length);
        if (WeightDecay != 0f && start < weightCount)
        {
            float keep = 1f - LearningRate * WeightDecay;
            Span<float> w = p[..Math.Min(length, weightCount - start)];
            System.Numerics.Tensors.TensorPrimitives.Multiply(w, keep, w);
        }
        Update(start, p, gradients.Slice(start, length));
    }

    /// <summary>Per-step constants (bias corrections), computed once after <see cref="StepCount"/> has been advanced.</summary>
    protected virtual void PrepareStep()
    {
    }

    /// <summary>
    /// The method's own update of the parameters from <paramref name="offset"/> on (its state buffers indexed from there),
    /// after <see cref="StepCount"/> has been advanced. parameters, gradients: [length].
    /// </summary>
    protected abstract void Update(int offset, Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>The method's state buffers (moments, velocities), for inspection and warm starts.</summary>
    public abstract IReadOnlyList<float[]> State { get; }

    /// <summary>Restores the step count and state buffers saved from an optimizer of the same kind and size.</summary>
    public void Restore(long stepCount, IReadOnlyList<float[]> state)
    {
        var own = State;
        if (state.Count != own.Count) throw new ArgumentException($"Expected {own.Count} optimizer state buffers; got {state.Count}.");
        for (int i = 0; i < own.Count; i++)
        {
            if (state[i].Length != own[i].Length) throw new ArgumentException($"Optimizer state buffer {i} must hold {own[i].Length} values; got {state[i].Length}.");
            state[i].CopyTo(own[i], 0);
        }
        StepCount = stepCount;
    }

    /// <summary>An optimizer of <paramref name="kind"/> with the given settings.</summary>
    public static Optimizer Create(OptimizerKind kind, int parameterCount, OptimizerSettings settings) => kind switch
    {
        OptimizerKind.Adam => new AdamOptimizer(parameterCount, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon, weightDecay: 0f),
        OptimizerKind.AdamW => new AdamOptimizer(parameterCount, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay),
        OptimizerKind.Sgd => new SgdOptimizer(parameterCount, settings.LearningRate, settings.Momentum, settings.Nesterov),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
    };
}
