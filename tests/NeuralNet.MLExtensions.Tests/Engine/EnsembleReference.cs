using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Activations;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// A slow, obvious double-precision ensemble (TabM-mini) written from the layout <see cref="MlpNetwork"/> documents:
/// shared hidden weights, then the k heads' weights [k×out×h]; the hidden biases, then the heads' biases [k×out];
/// then the members' input scales [k×d]. Member i of row x: a₀ = x ⊙ r_i, a_l = act(W_l·a + b_l), z_i = H_i·a + c_i.
/// </summary>
internal static class EnsembleReference
{
    public static double[] MemberOutputs(MlpArchitecture a, IReadOnlyList<double> theta, ReadOnlySpan<float> row, int member)
    {
        int k = a.EnsembleSize, d = a.InputSize, last = a.LayerCount - 1;
        long scales = a.WeightCount + a.BiasCount;
        var x = new double[d];
        for (int j = 0; j < d; j++) x[j] = row[j] * theta[(int)(scales + member * d + j)];
        int w = 0, b = (int)a.WeightCount;
        for (int l = 0; l <= last; l++)
        {
            int input = a.LayerInputSize(l), output = a.LayerOutputSize(l);
            var function = ActivationFunction.For(a.LayerActivation(l));
            int wl = l < last ? w : w + member * input * output, bl = l < last ? b : b + member * output;
            var next = new double[output];
            for (int o = 0; o < output; o++)
            {
                double z = theta[bl + o];
                for (int i = 0; i < input; i++) z += theta[wl + o * input + i] * x[i];
                next[o] = function.Reference(z);
            }
            w += input * output;
            b += output;
            x = next;
        }
        return x;
    }

    /// <summary>J(θ) = (1/rows)·Σ_r w_r·(1/k)·Σ_i rowLoss(z_i(x_r), r) + λ/2·‖W‖² (W: hidden weights and head weights).</summary>
    public static double Objective(MlpArchitecture a, IReadOnlyList<double> theta, float[] features, int rows,
        Func<double[], int, double> rowLoss, float[]? weights, double l2)
    {
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            double members = 0;
            for (int i = 0; i < a.EnsembleSize; i++)
                members += rowLoss(MemberOutputs(a, theta, features.AsSpan(r * a.InputSize, a.InputSize), i), r);
            loss += (weights is null ? 1.0 : weights[r]) * members / a.EnsembleSize;
        }
        double penalty = 0;
        for (int i = 0; i < a.WeightCount; i++) penalty += theta[i] * theta[i];
        return loss / rows + 0.5 * l2 * penalty;
    }

    /// <summary>The ensemble's probabilities for one row: the mean over members of softmax (multiclass) or σ (binary, [1]).</summary>
    public static double[] MeanProbabilities(MlpArchitecture a, IReadOnlyList<double> theta, ReadOnlySpan<float> row)
    {
        var mean = new double[a.OutputSize];
        for (int i = 0; i < a.EnsembleSize; i++)
        {
            double[] z = MemberOutputs(a, theta, row, i);
            if (a.Task == MlpTask.Binary) mean[0] += 1 / (1 + Math.Exp(-z[0]));
            else if (a.Task == MlpTask.Regression) mean[0] += z[0];
            else
            {
                double max = z.Max(), sum = z.Sum(v => Math.Exp(v - max));
                for (int c = 0; c < z.Length; c++) mean[c] += Math.Exp(z[c] - max) / sum;
            }
        }
        return mean.Select(v => v / a.EnsembleSize).ToArray();
    }
}
