using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Activations;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Layers;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class DenseLayerGradientTests
{
    // Widths that take the GEMM through its 256-bit paths and scalar tails (9 = 8 + 1, 10 = 8 + 2, 5 rows = 4 + 1),
    // and through its 512-bit path where the CPU has one (34 = 32 + 2, 33 = 32 + 1).
    [TestMethod]
    [DataRow(Activation.Relu, 10, 9, 5)]
    [DataRow(Activation.LeakyRelu, 10, 9, 5)]
    [DataRow(Activation.Tanh, 10, 9, 5)]
    [DataRow(Activation.Sigmoid, 10, 9, 5)]
    [DataRow(Activation.Gelu, 10, 9, 5)]
    [DataRow(Activation.Identity, 10, 9, 5)]
    [DataRow(Activation.Relu, 33, 34, 6)]
    [DataRow(Activation.Tanh, 34, 33, 6)]
    public void DenseLayer_Backward_MatchesCentralDifference(Activation kind, int inputs, int outputs, int batch)
    {
        var shape = new Shape(inputs, outputs, batch);
        var layer = new DenseLayer(inputs, outputs, kind, weightOffset: 0, biasOffset: shape.WeightCount);
        float[] parameters = GradientChecker.Uniform(shape.WeightCount + outputs, 0.5, seed: 21);
        float[] x = GradientChecker.Uniform(batch * inputs, 1.5, seed: 22);
        // L = Σ upstream ⊙ a, so dL/da = upstream.
        float[] upstream = GradientChecker.Uniform(batch * outputs, 1.0, seed: 23);
        var context = ComputeContext.SingleThreaded();
        var z = new float[batch * outputs];
        var a = new float[batch * outputs];
        var delta = (float[])upstream.Clone();
        var gradients = new float[parameters.Length];
        var dx = new float[batch * inputs];

        layer.Forward(context, parameters, x, batch, z, a);
        layer.Backward(context, parameters, gradients, x, z, a, delta, batch, dx);

        var function = ActivationFunction.For(kind);
        double[] theta = parameters.Select(v => (double)v).ToArray();
        double[] input = x.Select(v => (double)v).ToArray();
        Assert.IsGreaterThan(1e-3, shape.ClosestPreActivation(theta, input), "Fixture must keep pre-activations away from 0 (the ReLU kink).");

        double[] numericParameters = GradientChecker.CentralDifference(t => shape.Loss(function, t, input, upstream), theta);
        double[] numericInput = GradientChecker.CentralDifference(xi => shape.Loss(function, theta, xi, upstream), input);
        GradientChecker.AssertClose(gradients.AsSpan(0, shape.WeightCount), numericParameters[..shape.WeightCount], $"{kind} dW");
        GradientChecker.AssertClose(gradients.AsSpan(shape.WeightCount, outputs), numericParameters[shape.WeightCount..], $"{kind} db");
        GradientChecker.AssertClose(dx, numericInput, $"{kind} dx");
    }

    /// <summary>The layer's shape and its double-precision reference.</summary>
    private readonly record struct Shape(int Inputs, int Outputs, int Batch)
    {
        public int WeightCount => Inputs * Outputs;

        // z[r,o] = Σ_i W[o,i]·x[r,i] + b[o], W stored [out×in] row-major, then b.
        public double PreActivation(double[] theta, double[] x, int r, int o)
        {
            double s = theta[WeightCount + o];
            for (int i = 0; i < Inputs; i++) s += theta[o * Inputs + i] * x[r * Inputs + i];
            return s;
        }

        public double Loss(ActivationFunction function, double[] theta, double[] x, float[] upstream)
        {
            double loss = 0;
            for (int r = 0; r < Batch; r++)
                for (int o = 0; o < Outputs; o++)
                    loss += upstream[r * Outputs + o] * function.Reference(PreActivation(theta, x, r, o));
            return loss;
        }

        public double ClosestPreActivation(double[] theta, double[] x)
        {
            double closest = double.PositiveInfinity;
            for (int r = 0; r < Batch; r++)
                for (int o = 0; o < Outputs; o++) closest = Math.Min(closest, Math.Abs(PreActivation(theta, x, r, o)));
            return closest;
        }
    }
}
