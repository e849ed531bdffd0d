using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// The ensemble's two modules against central differences of L = Σ upstream ⊙ y, written in double in the test: the
/// adapter (y[i·B + b] = x[b] ⊙ r_i) and the heads (y[i·B + b] = H_i·x[i·B + b] + c_i), for their parameters and inputs.
/// </summary>
[TestClass]
public sealed class EnsembleModuleGradientTests
{
    [TestMethod]
    [DataRow(3, 5, 4)]
    [DataRow(4, 9, 10)]
    public void EnsembleAdapter_Backward_MatchesCentralDifference(int k, int d, int batch)
    {
        var layout = new ParameterLayout([EnsembleAdapter.Block(k, d)]);
        var adapter = new EnsembleAdapter(k, d, layout.Ranges[0]);
        float[] r = GradientChecker.Uniform(k * d, 1.2, seed: 31), x = GradientChecker.Uniform(batch * d, 1.5, seed: 32);
        float[] upstream = GradientChecker.Uniform(k * batch * d, 1.0, seed: 33);
        var gradients = new float[r.Length];
        var pass = new ModulePass(ComputeContext.SingleThreaded(), r, gradients, new SeededRandom(1));
        var y = new float[k * batch * d];
        var dx = new float[batch * d];
        adapter.Forward(pass, x, batch, default, y);
        Assert.AreEqual(adapter.RowsPerInputRow, k);
        adapter.Backward(pass, x, y, default, (float[])upstream.Clone(), batch, dx);

        double Loss(IReadOnlyList<double> scales, IReadOnlyList<double> input)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
                for (int b = 0; b < batch; b++)
                    for (int j = 0; j < d; j++) sum += upstream[(i * batch + b) * d + j] * input[b * d + j] * scales[i * d + j];
            return sum;
        }
        double[] theta = r.Select(v => (double)v).ToArray(), input = x.Select(v => (double)v).ToArray();
        GradientChecker.AssertClose(gradients, GradientChecker.CentralDifference(t => Loss(t, input), theta), "adapter dr");
        GradientChecker.AssertClose(dx, GradientChecker.CentralDifference(xi => Loss(theta, xi), input), "adapter dx");
    }

    // 9 rows per member takes the product kernels through the packed path (≥ 8 rows), 3 through the small one.
    [TestMethod]
    [DataRow(4, 5, 3, 3)]
    [DataRow(3, 10, 9, 9)]
    public void EnsembleHeads_Backward_MatchesCentralDifference(int k, int inputs, int outputs, int batch)
    {
        var layout = new ParameterLayout(EnsembleHeads.Blocks(0, k, inputs, outputs));
        var heads = new EnsembleHeads(k, inputs, outputs, layout.Ranges[0], layout.Ranges[1]);
        int rows = k * batch, wCount = k * outputs * inputs;
        float[] parameters = GradientChecker.Uniform(layout.Count, 0.5, seed: 41), x = GradientChecker.Uniform(rows * inputs, 1.5, seed: 42);
        float[] upstream = GradientChecker.Uniform(rows * outputs, 1.0, seed: 43);
        var gradients = new float[parameters.Length];
        var pass = new ModulePass(ComputeContext.SingleThreaded(), parameters, gradients, new SeededRandom(1));
        var y = new float[rows * outputs];
        var dx = new float[rows * inputs];
        heads.Forward(pass, x, rows, default, y);
        heads.Backward(pass, x, y, default, (float[])upstream.Clone(), rows, dx);

        double Loss(IReadOnlyList<double> t, IReadOnlyList<double> input)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
                for (int b = 0; b < batch; b++)
                    for (int o = 0; o < outputs; o++)
                    {
                        double z = t[wCount + i * outputs + o];
                        for (int j = 0; j < inputs; j++) z += t[(i * outputs + o) * inputs + j] * input[(i * batch + b) * inputs + j];
                        sum += upstream[(i * batch + b) * outputs + o] * z;
                    }
            return sum;
        }
        double[] theta = parameters.Select(v => (double)v).ToArray(), input = x.Select(v => (double)v).ToArray();
        GradientChecker.AssertClose(gradients, GradientChecker.CentralDifference(t => Loss(t, input), theta), "heads dW, db");
        GradientChecker.AssertClose(dx, GradientChecker.CentralDifference(xi => Loss(theta, xi), input), "heads dx");
    }
}
