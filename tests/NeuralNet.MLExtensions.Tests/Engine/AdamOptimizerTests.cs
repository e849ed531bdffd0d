using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Optimizers;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class AdamOptimizerTests
{
    private const float Lr = 0.05f, Beta1 = 0.9f, Beta2 = 0.999f;
    private const int WeightCount = 3;
    // Three weights then two biases.
    private static readonly float[] Start = [0.8f, -1.25f, 0.3f, 2f, -0.6f];
    // Magnitudes from 1e-3 to 1 and sign changes, so ε and the bias corrections both matter.
    private static readonly float[][] Gradients =
    [
        [0.5f, -0.002f, 0.05f, 1f, -0.01f],
        [-0.3f, -0.004f, 0.1f, 0.25f, 0.02f],
        [0.2f, 0.001f, -0.05f, -0.75f, -0.03f],
        [0.1f, -0.003f, 0.2f, 0.5f, 0.01f],
    ];

    [TestMethod]
    [DataRow(1e-8f)]
    [DataRow(1e-3f)]
    public void AdamOptimizer_Step_MatchesTextbookAdamOverSeveralSteps(float epsilon)
    {
        var optimizer = new AdamOptimizer(Start.Length, Lr, Beta1, Beta2, epsilon, weightDecay: 0f);
        AssertMatchesReference(optimizer, epsilon, decay: 0, "Adam");
    }

    [TestMethod]
    public void AdamOptimizer_Step_WithWeightDecayMatchesTextbookAdamW()
    {
        const float decay = 0.1f;
        var optimizer = new AdamOptimizer(Start.Length, Lr, Beta1, Beta2, 1e-8f, decay);
        AssertMatchesReference(optimizer, 1e-8f, decay, "AdamW");
    }

    [TestMethod]
    public void AdamOptimizer_Step_WithWeightDecayAndZeroGradients_ShrinksWeightsOnlyAndLeavesBiases()
    {
        // With g = 0 the Adam part is 0/(0 + ε) = 0, so only the decoupled decay acts: w ← (1 − lr·λ)ᵗ·w, biases fixed.
        const float decay = 0.1f;
        var optimizer = new AdamOptimizer(Start.Length, Lr, Beta1, Beta2, 1e-8f, decay);
        var parameters = (float[])Start.Clone();
        var zero = new float[Start.Length];
        const int steps = 5;
        for (int t = 0; t < steps; t++) optimizer.Step(parameters, zero, WeightCount);

        double keep = Math.Pow(1 - (double)Lr * decay, steps);
        for (int i = 0; i < WeightCount; i++) Assert.AreEqual(Start[i] * keep, parameters[i], 1e-6 * Math.Abs(Start[i]), $"weight {i}");
        for (int i = WeightCount; i < Start.Length; i++) Assert.AreEqual(Start[i], parameters[i], $"bias {i} must not be decayed");
    }

    [TestMethod]
    public void Optimizer_Create_AdamIgnoresWeightDecayButAdamWUsesIt()
    {
        var settings = new OptimizerSettings(Lr, 0.9f, true, Beta1, Beta2, 1e-8f, WeightDecay: 0.1f);
        var adam = Optimizer.Create(OptimizerKind.Adam, Start.Length, settings);
        var adamW = Optimizer.Create(OptimizerKind.AdamW, Start.Length, settings);
        AssertMatchesReference(adam, 1e-8f, decay: 0, "Adam from Create");
        AssertMatchesReference(adamW, 1e-8f, decay: 0.1f, "AdamW from Create");
    }

    private static void AssertMatchesReference(Optimizer optimizer, float epsilon, float decay, string what)
    {
        var parameters = (float[])Start.Clone();
        double[] expected = Start.Select(v => (double)v).ToArray();
        var m = new double[Start.Length];
        var v = new double[Start.Length];
        for (int t = 1; t <= Gradients.Length; t++)
        {
            optimizer.Step(parameters, Gradients[t - 1], WeightCount);
            OptimizerReference.AdamW(expected, m, v, Gradients[t - 1], t, Lr, Beta1, Beta2, epsilon, decay, WeightCount);
            OptimizerReference.AssertClose(expected, parameters, $"{what} step {t}");
        }
    }
}
