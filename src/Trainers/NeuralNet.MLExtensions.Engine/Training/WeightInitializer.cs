using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>Draws a layer's initial weights for its activation; biases are zero.</summary>
internal static class WeightInitializer
{
    public static void Initialize(DenseLayer layer, bool isOutput, WeightInitialization scheme, SeededRandom random, Span<float> parameters)
    {
        Span<float> w = layer.WeightRange.Of(parameters);
        layer.BiasRange.Of(parameters).Clear();
        WeightInitialization chosen = scheme;
        if (chosen == WeightInitialization.Auto)
            chosen = !isOutput && layer.Function.UsesHeInitialization ? WeightInitialization.He : WeightInitialization.Glorot;
        switch (chosen)
        {
            case WeightInitialization.He:
                double sd = Math.Sqrt(2.0 / layer.InputWidth);
                for (int i = 0; i < w.Length; i++) w[i] = (float)(sd * random.NextGaussian());
                break;
            case WeightInitialization.Glorot:
                double limit = Math.Sqrt(6.0 / (layer.InputWidth + layer.OutputWidth));
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
