using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Draws a layer's initial weights for its activation; biases are zero. An ensemble's heads are drawn as the output
/// layer would be, one head after another (each independently, so the members differ), and its input scales get
/// random signs (±1), the TabM paper's initialisation of TabM-mini's adapter.
/// </summary>
internal static class WeightInitializer
{
    public static void Initialize(DenseLayer layer, bool isOutput, WeightInitialization scheme, SeededRandom random, Span<float> parameters)
    {
        layer.BiasRange.Of(parameters).Clear();
        WeightInitialization chosen = scheme;
        if (chosen == WeightInitialization.Auto)
            chosen = !isOutput && layer.Function.UsesHeInitialization ? WeightInitialization.He : WeightInitialization.Glorot;
        Draw(layer.WeightRange.Of(parameters), layer.InputWidth, layer.OutputWidth, chosen, scheme, random);
    }

    /// <summary>Each head as an output layer (Auto is Glorot), member by member, then the scales' random signs.</summary>
    public static void Initialize(EnsembleHeads heads, EnsembleAdapter adapter, WeightInitialization scheme, SeededRandom random, Span<float> parameters)
    {
        heads.BiasRange.Of(parameters).Clear();
        WeightInitialization chosen = scheme == WeightInitialization.Auto ? WeightInitialization.Glorot : scheme;
        Span<float> w = heads.WeightRange.Of(parameters);
        int size = heads.InputWidth * heads.OutputWidth;
        for (int i = 0; i < heads.Members; i++)
            Draw(w.Slice(i * size, size), heads.InputWidth, heads.OutputWidth, chosen, scheme, random);
        Span<float> r = adapter.ScaleRange.Of(parameters);
        for (int j = 0; j < r.Length; j++) r[j] = random.NextDouble() < 0.5 ? -1f : 1f;
    }

    private static void Draw(Span<float> w, int fanIn, int fanOut, WeightInitialization chosen, WeightInitialization scheme, SeededRandom random)
    {
        switch (chosen)
        {
            case WeightInitialization.He:
                double sd = Math.Sqrt(2.0 / fanIn);
                for (int i = 0; i < w.Length; i++) w[i] = (float)(sd * random.NextGaussian());
                break;
            case WeightInitialization.Glorot:
                double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < w.Length; i++) w[i] = (float)((2 * random.NextDouble() - 1) * limit);
                break;
            case WeightInitialization.StandardNormal:
                for (int i = 0; i < w.Length; i++) w[i] = (float)random.NextGaussian();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown weight initialisation.");
        }
    }
}
