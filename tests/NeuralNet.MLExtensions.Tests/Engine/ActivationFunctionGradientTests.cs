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

    /// <summary>
    /// The path dense layers take (ReLU's fused kernel among them): bias added into z, then a = f(z), both out of place
    /// and in place (a = z, as scoring and training do when backward does not read z). 3 rows × 37 units reach the
    /// 16- and 8-lane loops and the scalar tail.
    /// </summary>
    [TestMethod]
    [DataRow(Activation.Relu)]
    [DataRow(Activation.LeakyRelu)]
    [DataRow(Activation.Tanh)]
    [DataRow(Activation.Sigmoid)]
    [DataRow(Activation.Gelu)]
    [DataRow(Activation.Identity)]
    public void ActivationFunction_ForwardWithBias_MatchesDoubleReferenceInAndOutOfPlace(Activation kind)
    {
        const int rows = 3, width = 37;
        var function = ActivationFunction.For(kind);
        float[] bias = GradientChecker.Uniform(width, 1.0, seed: 8);
        float[] before = GradientChecker.Uniform(rows * width, 3.0, seed: 9);
        var z = (float[])before.Clone();
        var a = new float[rows * width];
        function.ForwardWithBias(bias, rows, z, a);
        var inPlace = (float[])before.Clone();
        function.ForwardWithBias(bias, rows, inPlace, inPlace);

        var expectedZ = new double[rows * width];
        for (int i = 0; i < expectedZ.Length; i++) expectedZ[i] = before[i] + bias[i % width];
        GradientChecker.AssertClose(z, expectedZ, $"{kind} z", relative: 1e-6, absolute: 1e-7);
        var expected = expectedZ.Select(function.Reference).ToArray();
        GradientChecker.AssertClose(a, expected, $"{kind} forward with bias", relative: 1e-5, absolute: 1e-6);
        CollectionAssert.AreEqual(a, inPlace, $"{kind}: in place gives the same values");
    }

    /// <summary>
    /// dL/dz against central differences of the double reference. Activations whose backward does not read z get an
    /// empty z, as in training, so a backward that secretly needed it would fail here.
    /// </summary>
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
        function.Backward(function.BackwardReadsInput ? Inputs : default, a, grad);

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

    [TestMethod]
    public void ReluActivation_Backward_VectorisedPathMatchesCentralDifferenceOverEveryLoop()
    {
        // 41 values: the 16- and 8-lane loops of the kernel ReLU's backward runs, and its scalar tail.
        var function = ActivationFunction.For(Activation.Relu);
        float[] z = GradientChecker.Uniform(41, 2.0, seed: 10).Select(v => Math.Abs(v) < 1e-3f ? 0.5f : v).ToArray();
        var a = new float[z.Length];
        function.Forward(z, a);
        float[] upstream = GradientChecker.Uniform(z.Length, 2.0, seed: 11);
        var grad = (float[])upstream.Clone();
        function.Backward(default, a, grad);
        double[] numeric = GradientChecker.CentralDifference(
            x => x.Select((v, i) => upstream[i] * Math.Max(0, v)).Sum(), z.Select(v => (double)v).ToArray());
        GradientChecker.AssertClose(grad, numeric, "ReLU dL/dz", relative: 1e-6, absolute: 1e-6);
    }
}
