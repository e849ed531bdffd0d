using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Activations;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// A slow, obvious MLP forward pass and training objective in double precision, written from the documented
/// parameter layout (every layer's [out×in] row-major weights, then every layer's biases) and each activation's
/// <see cref="ActivationFunction.Reference"/>. The oracle for whole-network gradient checks.
/// </summary>
internal static class ReferenceMlp
{
    /// <summary>
    /// J(θ) = (1/rows)·Σ_r w_r·(−log softmax(f(x_r; θ))[y_r]) + λ/2·‖W‖² (weights only, not biases).
    /// <paramref name="closestToKink"/> is the smallest |z| among hidden pre-activations.
    /// </summary>
    public static double Objective(MlpArchitecture architecture, IReadOnlyList<double> theta, float[] features, int[] labels,
        float[]? weights, double l2, out double closestToKink) =>
        Objective(architecture, theta, features, labels.Length, (x, r) =>
        {
            double max = x.Max();
            return max + Math.Log(x.Sum(v => Math.Exp(v - max))) - x[labels[r]];
        }, weights, l2, out closestToKink);

    /// <summary>
    /// J(θ) = (1/rows)·Σ_r w_r·rowLoss(f(x_r; θ), r) + λ/2·‖W‖²: the objective of any task, given its loss of one row's outputs.
    /// </summary>
    public static double Objective(MlpArchitecture architecture, IReadOnlyList<double> theta, float[] features, int rows,
        Func<double[], int, double> rowLoss, float[]? weights, double l2, out double closestToKink)
    {
        closestToKink = double.PositiveInfinity;
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            double[] x = features.AsSpan(r * architecture.InputSize, architecture.InputSize).ToArray().Select(v => (double)v).ToArray();
            if (architecture.Embedding is { } stage) x = ReferenceInputStage.Apply(stage, theta, (int)(architecture.WeightCount + architecture.BiasCount), x);
            int w = 0, b = (int)architecture.WeightCount;
            for (int l = 0; l < architecture.LayerCount; l++)
            {
                int input = architecture.LayerInputSize(l), output = architecture.LayerOutputSize(l);
                var function = ActivationFunction.For(architecture.LayerActivation(l));
                bool hidden = l < architecture.LayerCount - 1;
                var next = new double[output];
                for (int o = 0; o < output; o++)
                {
                    double z = theta[b + o];
                    for (int i = 0; i < input; i++) z += theta[w + o * input + i] * x[i];
                    if (hidden) closestToKink = Math.Min(closestToKink, Math.Abs(z));
                    next[o] = function.Reference(z);
                }
                w += input * output;
                b += output;
                x = next;
            }
            loss += (weights is null ? 1.0 : weights[r]) * rowLoss(x, r);
        }
        double penalty = 0;
        for (int i = 0; i < architecture.WeightCount; i++) penalty += theta[i] * theta[i];
        return loss / rows + 0.5 * l2 * penalty;
    }
}
