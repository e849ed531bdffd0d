using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// What the modules of one forward (and backward) pass share: the threads, the flat parameter buffer, and for training
/// the gradient buffer (same layout) and the epoch's random source; for scoring, optionally each dense layer's weights
/// already transposed to [in×out].
/// </summary>
internal readonly struct ModulePass
{
    private readonly float[]? _gradients;
    private readonly SeededRandom? _random;
    private readonly float[][]? _transposedWeights, _partWeights;

    /// <summary>A training pass: modules read <paramref name="parameters"/> and write <paramref name="gradients"/>.</summary>
    public ModulePass(ComputeContext compute, float[] parameters, float[] gradients, SeededRandom random)
    {
        Compute = compute;
        Parameters = parameters;
        _gradients = gradients;
        _random = random;
    }

    /// <summary>
    /// A scoring pass (no gradients, no randomness); <paramref name="transposedWeights"/>[layer] may be null, and so may
    /// <paramref name="partWeights"/>[layer], the transposed weights cut into parts for one row on several threads.
    /// </summary>
    public ModulePass(ComputeContext compute, float[] parameters, float[][]? transposedWeights, float[][]? partWeights = null)
    {
        Compute = compute;
        Parameters = parameters;
        _transposedWeights = transposedWeights;
        _partWeights = partWeights;
    }

    public ComputeContext Compute { get; }

    /// <summary>The network's flat parameter buffer.</summary>
    public float[] Parameters { get; }

    /// <summary>The gradient buffer, laid out as <see cref="Parameters"/>; only a training pass has one.</summary>
    public float[] Gradients => _gradients ?? throw new InvalidOperationException("A scoring pass computes no gradients.");

    /// <summary>The epoch's random source; only a training pass has one.</summary>
    public SeededRandom Random => _random ?? throw new InvalidOperationException("A scoring pass draws no random numbers.");

    /// <summary>Dense layer <paramref name="layer"/>'s weights as [in×out], or empty when not kept.</summary>
    public ReadOnlySpan<float> TransposedWeights(int layer) => _transposedWeights is null ? default : _transposedWeights[layer];

    /// <summary>Dense layer <paramref name="layer"/>'s transposed weights in parts (<see cref="Kernels.Gemv.ToParts"/>), or empty when it is not split.</summary>
    public ReadOnlySpan<float> PartWeights(int layer) => _partWeights?[layer] is float[] parts ? parts : default;
}
