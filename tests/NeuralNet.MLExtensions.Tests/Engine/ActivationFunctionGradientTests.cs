using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Activations;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class ActivationFunctionGradientTests
{
    // Both signs, small and large magnitudes, none close to the ReLU / leaky ReLU kink at 0.
    private static readonly float[] Inputs = [-4.2f, -2.5f, -1.1f, -0.4f, -0.05f, 0.07f, 0.3f, 0.9f, 1.6f, 3.7f];

    [TestMethod]
    [DataRow(Activation.Relu)]
    [DataRow(Activation.LeakyRelu)]
    [DataRow(Activation.Tanh)]
    [DataRow(Activation.Sigmoid)]
    [DataRow(Activation.Gelu)]
    [DataRow(Activation.Identity)]
    public void ActivationFunction_Forward_MatchesDoubleReference(Activation kind)
    {
        var function = ActivationFunction.For(kind);
        var a = new float[Inputs.Length];
        function.Forward(Inputs, a);
        var expected = Inputs.Select(z => function.Reference(z)).ToArray();
        GradientChecker.AssertClose(a, expected, $"{kind} forward", relative: 1e-5, absolute: 1e-7);
    }

    [TestMethod]
    [DataRow(Activation.Relu)]
    [DataRow(Activation.LeakyRelu)]
    [DataRow(Activation.Tanh)]
    [DataRow(Activation.Sigmoid)]
    [DataRow(Activation.Gelu)]
    [DataRow(Activation.Identity)]
    public void ActivationFunction_Backward_MatchesCentralDifferenceOfReference(Activation kind)
    {
        var function = ActivationFunction.For(kind);
        var a = new float[Inputs.Length];
        function.Forward(Inputs, a);
        // An upstream gradient dL/da that is not all ones, so Backward must multiply rather than overwrite.
        float[] upstream = GradientChecker.Uniform(Inputs.Length, 2.0, seed: 7);
        var grad = (float[])upstream.Clone();
        function.Backward(Inputs, a, grad);

        // L(z) = Σ upstream[i]·f(z[i]) in double, so dL/dz[i] = upstream[i]·f'(z[i]).
        double Loss(double[] z)
        {
            double s = 0;
            for (int i = 0; i < z.Length; i++) s += upstream[i] * function.Reference(z[i]);
            return s;
        }
        double[] numeric = GradientChecker.CentralDifference(Loss, Inputs.Select(v => (double)v).ToArray());
        GradientChecker.AssertClose(grad, numeric, $"{kind} dL/dz", relative: 1e-3, absolute: 1e-6);
    }
}
