using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Activations;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Layers;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class DenseLayerGradientTests
{
    // Widths that take the GEMM through its vector paths and its scalar tails (9 = 8 + 1, 10 = 8 + 2, 5 rows = 4 + 1).
    private const int In = 10, Out = 9, Batch = 5;

    [TestMethod]
    [DataRow(Activation.Relu)]
    [DataRow(Activation.LeakyRelu)]
    [DataRow(Activation.Tanh)]
    [DataRow(Activation.Sigmoid)]
    [DataRow(Activation.Gelu)]
    [DataRow(Activation.Identity)]
    public void DenseLayer_Backward_MatchesCentralDifference(Activation kind)
    {
        var layer = new DenseLayer(In, Out, kind, weightOffset: 0, biasOffset: In * Out);
        float[] parameters = GradientChecker.Uniform(In * Out + Out, 0.5, seed: 21);
        float[] x = GradientChecker.Uniform(Batch * In, 1.5, seed: 22);
        // L = Σ upstream ⊙ a, so dL/da = upstream.
        float[] upstream = GradientChecker.Uniform(Batch * Out, 1.0, seed: 23);
        var context = ComputeContext.SingleThreaded();
        var z = new float[Batch * Out];
        var a = new float[Batch * Out];
        var delta = (float[])upstream.Clone();
        var gradients = new float[parameters.Length];
        var dx = new float[Batch * In];

        layer.Forward(context, parameters, x, Batch, z, a);
        layer.Backward(context, parameters, gradients, x, z, a, delta, Batch, dx);

        var function = ActivationFunction.For(kind);
        double[] theta = parameters.Select(v => (double)v).ToArray();
        double[] input = x.Select(v => (double)v).ToArray();
        Assert.IsGreaterThan(1e-3, ClosestPreActivation(theta, input), "Fixture must keep pre-activations away from 0 (the ReLU kink).");

        double[] numericParameters = GradientChecker.CentralDifference(t => Loss(function, t, input, upstream), theta);
        double[] numericInput = GradientChecker.CentralDifference(xi => Loss(function, theta, xi, upstream), input);
        GradientChecker.AssertClose(gradients.AsSpan(0, In * Out), numericParameters[..(In * Out)], $"{kind} dW");
        GradientChecker.AssertClose(gradients.AsSpan(In * Out, Out), numericParameters[(In * Out)..], $"{kind} db");
        GradientChecker.AssertClose(dx, numericInput, $"{kind} dx");
    }

    // z[r,o] = Σ_i W[o,i]·x[r,i] + b[o], W stored [Out×In] row-major then b.
    private static double PreActivation(double[] theta, double[] x, int r, int o)
    {
        double s = theta[In * Out + o];
        for (int i = 0; i < In; i++) s += theta[o * In + i] * x[r * In + i];
        return s;
    }

    private static double Loss(ActivationFunction function, double[] theta, double[] x, float[] upstream)
    {
        double loss = 0;
        for (int r = 0; r < Batch; r++)
            for (int o = 0; o < Out; o++)
                loss += upstream[r * Out + o] * function.Reference(PreActivation(theta, x, r, o));
        return loss;
    }

    private static double ClosestPreActivation(double[] theta, double[] x)
    {
        double closest = double.PositiveInfinity;
        for (int r = 0; r < Batch; r++)
            for (int o = 0; o < Out; o++) closest = Math.Min(closest, Math.Abs(PreActivation(theta, x, r, o)));
        return closest;
    }
}
