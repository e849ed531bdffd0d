using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Activations;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class DropoutNetworkGradientTests
{
    private const int Rows = 6, Inputs = 3, Classes = 3, Seed = 7;
    private const float Rate = 0.4f;

    /// <summary>
    /// One full-batch SGD step (lr 1) with dropout on both hidden layers subtracts the central-difference gradient of
    /// the masked network, the masks rebuilt as documented: epoch 1's source Derive(seed, 1) shuffles the rows, then
    /// draws layer 1's mask and layer 2's, row by row, unit by unit.
    /// </summary>
    [TestMethod]
    public void MlpEngine_TrainInPlace_DropoutStepSubtractsTheMaskedNetworksGradient()
    {
        int[] hidden = [5, 4];
        var architecture = new MlpArchitecture(Inputs, hidden, [Activation.Tanh, Activation.Tanh], Classes);
        float[] before = GradientChecker.Uniform((int)architecture.ParameterCount, 0.8, seed: 41);
        float[] features = GradientChecker.Uniform(Rows * Inputs, 1.5, seed: 42);
        int[] labels = [0, 1, 2, 2, 1, 0];
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = hidden, Activation = [Activation.Tanh], Optimizer = OptimizerKind.Sgd, Momentum = 0f, Nesterov = false,
            LearningRate = 1f, BatchSize = Rows, MaximumNumberOfEpochs = 1, L2Regularization = 0f, FeatureScaling = FeatureScaling.None,
            NumberOfThreads = 1, Seed = Seed, DropoutRates = [Rate],
        };
        var result = MlpEngine.TrainInPlace((float[])features.Clone(), Rows, Inputs, labels, null, Classes, settings, new MlpNetwork(architecture, before));

        var random = SeededRandom.Derive(Seed, 1);
        var order = Enumerable.Range(0, Rows).ToArray();
        random.Shuffle(order);
        double keep = 1 / (1 - (double)Rate);
        var masks = hidden.Select(width => Enumerable.Range(0, Rows * width).Select(_ => random.NextDouble() < Rate ? 0.0 : keep).ToArray()).ToArray();
        Assert.IsTrue(masks.Any(m => m.Contains(0.0)), "the fixture must drop something");

        double Objective(double[] theta)
        {
            double loss = 0;
            for (int i = 0; i < Rows; i++)
            {
                int r = order[i];
                double[] x = features.Skip(r * Inputs).Take(Inputs).Select(v => (double)v).ToArray();
                int w = 0, b = (int)architecture.WeightCount;
                for (int l = 0; l < architecture.LayerCount; l++)
                {
                    int input = architecture.LayerInputSize(l), output = architecture.LayerOutputSize(l);
                    var f = ActivationFunction.For(architecture.LayerActivation(l));
                    var next = new double[output];
                    for (int o = 0; o < output; o++)
                    {
                        double z = theta[b + o];
                        for (int j = 0; j < input; j++) z += theta[w + o * input + j] * x[j];
                        next[o] = f.Reference(z) * (l < hidden.Length ? masks[l][i * output + o] : 1);
                    }
                    w += input * output;
                    b += output;
                    x = next;
                }
                double max = x.Max();
                loss += max + Math.Log(x.Sum(v => Math.Exp(v - max))) - x[labels[r]];
            }
            return loss / Rows;
        }

        var analytic = before.Zip(result.Network.Parameters.ToArray(), (a, c) => (double)a - c).ToArray();
        var numeric = GradientChecker.CentralDifference(Objective, before.Select(v => (double)v).ToArray());
        GradientChecker.AssertClose(analytic, numeric, "dropout ∇J", relative: 2e-3, absolute: 1e-6);
    }
}
