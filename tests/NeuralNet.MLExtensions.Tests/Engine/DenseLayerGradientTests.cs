using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Activations;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;
using NeuralNet.MLExtensions.Engine.Training;

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
        var layer = Create(inputs, outputs, kind);
        float[] parameters = GradientChecker.Uniform(shape.WeightCount + outputs, 0.5, seed: 21);
        float[] x = GradientChecker.Uniform(batch * inputs, 1.5, seed: 22);
        // L = Σ upstream ⊙ a, so dL/da = upstream.
        float[] upstream = GradientChecker.Uniform(batch * outputs, 1.0, seed: 23);
        var context = ComputeContext.SingleThreaded();
        var saved = new float[batch * layer.SavedWidth];
        var a = new float[batch * outputs];
        var delta = (float[])upstream.Clone();
        var gradients = new float[parameters.Length];
        var dx = new float[batch * inputs];
        var pass = new ModulePass(context, parameters, gradients, new SeededRandom(1));

        layer.Forward(pass, x, batch, saved, a);
        layer.Backward(pass, x, a, saved, delta, batch, dx);

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

    [TestMethod]
    [DataRow(Activation.Relu)]
    [DataRow(Activation.Gelu)]
    [DataRow(Activation.Tanh)]
    [DataRow(Activation.Identity)]
    public void DenseLayer_Forward_ScoringPassInPlaceWithTransposedWeights_EqualsTrainingPassBitForBit(Activation kind)
    {
        const int inputs = 33, outputs = 34, batch = 9;
        var layer = Create(inputs, outputs, kind);
        float[] parameters = GradientChecker.Uniform(inputs * outputs + outputs, 0.5, seed: 24);
        float[] x = GradientChecker.Uniform(batch * inputs, 1.5, seed: 25);
        var context = ComputeContext.SingleThreaded();
        var training = new float[batch * outputs];
        layer.Forward(new ModulePass(context, parameters, new float[parameters.Length], new SeededRandom(1)), x, batch,
            new float[batch * layer.SavedWidth], training);

        var scoring = new float[batch * outputs];
        layer.Forward(new ModulePass(context, parameters, [layer.TransposeWeights(parameters)]), x, batch, default, scoring);

        CollectionAssert.AreEqual(training, scoring);
    }

    [TestMethod]
    public void DenseLayer_Forward_BatchTimesWidthBeyondInt_ThrowsNamingTheShapeInsteadOfWrapping()
    {
        // 65 536 × 65 537 wraps to 65 536 in 32-bit arithmetic, which these buffers would pass.
        var layer = Create(1, 65_537, Activation.Relu);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => layer.Forward(
            new ModulePass(ComputeContext.SingleThreaded(), new float[2 * 65_537], null), new float[65_536], 65_536, default, new float[65_536]));
        Assert.Contains("Dense layer 0", ex.Message);
        Assert.Contains("[65536×65537] (4295032832 values)", ex.Message);
    }

    internal static DenseLayer Create(int inputs, int outputs, Activation kind)
    {
        var layout = new ParameterLayout(DenseLayer.Blocks(0, inputs, outputs));
        return new DenseLayer(inputs, outputs, kind, layout.Ranges[0], layout.Ranges[1]);
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
