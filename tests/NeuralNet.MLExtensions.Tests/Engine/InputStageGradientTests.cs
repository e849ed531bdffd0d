using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// Central-difference checks of the input-stage modules, <see cref="PeriodicEmbedding"/>,
/// <see cref="PiecewiseLinearEmbedding"/> and <see cref="FeatureScaleLayer"/>: with L = Σ upstream ⊙ y, every parameter gradient and dx against a
/// double-precision reference (<see cref="ReferenceInputStage"/>).
/// </summary>
[TestClass]
public sealed class InputStageGradientTests
{
    [TestMethod]
    [DataRow(5, new[] { 0, 2, 3 }, 4, 3, 3)]
    [DataRow(3, new[] { 1 }, 16, 3, 5)]      // RealMLP's sizes: 16 frequencies, 3 values beside the feature's own
    [DataRow(4, new[] { 0, 1, 2, 3 }, 1, 1, 2)]
    public void PeriodicEmbedding_Backward_MatchesCentralDifference(int inputs, int[] embedded, int k, int e, int batch)
    {
        var stage = new InputEmbedding(embedded, k, e, featureScale: false);
        var layout = new ParameterLayout(PeriodicEmbedding.Blocks(embedded.Length, k, e));
        var module = new PeriodicEmbedding(inputs, embedded, k, e, layout.Ranges);
        Check(module, stage, inputs, batch, layout.Count, 41);
    }

    [TestMethod]
    [DataRow(1, 1)]
    [DataRow(7, 4)]
    public void FeatureScaleLayer_Backward_MatchesCentralDifference(int width, int batch)
    {
        var stage = new InputEmbedding([], 1, 1, featureScale: true);
        var layout = new ParameterLayout(FeatureScaleLayer.Blocks(width));
        Check(new FeatureScaleLayer(width, layout.Ranges[0]), stage, width, batch, width, 51);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(4)]
    public void PiecewiseLinearEmbedding_Backward_MatchesCentralDifference(int batch)
    {
        // Inputs are uniform in ±1.5 (seed 31): edges sit where no input lies within the central difference's step.
        var bins = new PiecewiseLinearBins([0, 2], [[-1.1f, -0.35f, 0.45f, 1.05f], [-0.8f, 0.65f]], [0.2f, -0.3f, 0.1f, 0.5f], [1.3f, 0.7f, 1.9f, 0.9f]);
        var stage = new InputEmbedding(bins, featureScale: false);
        Check(new PiecewiseLinearEmbedding(3, bins), stage, 3, batch, 0, 31);
    }

    [TestMethod]
    public void PeriodicEmbedding_Forward_ScoringPassWithoutSavedValues_EqualsTrainingPassBitForBit()
    {
        const int inputs = 6, batch = 5;
        int[] embedded = [0, 2, 5];
        var layout = new ParameterLayout(PeriodicEmbedding.Blocks(embedded.Length, 16, 3));
        var module = new PeriodicEmbedding(inputs, embedded, 16, 3, layout.Ranges);
        float[] parameters = GradientChecker.Uniform(layout.Count, 0.7, seed: 61);
        float[] x = GradientChecker.Uniform(batch * inputs, 2, seed: 62);
        var training = new float[batch * module.OutputWidth];
        var scoring = new float[batch * module.OutputWidth];
        var context = ComputeContext.SingleThreaded();
        module.Forward(new ModulePass(context, parameters, new float[parameters.Length], new SeededRandom(1)), x, batch, new float[batch * module.SavedWidth], training);
        module.Forward(new ModulePass(context, parameters, null), x, batch, default, scoring);
        CollectionAssert.AreEqual(training, scoring);
        // The first d columns of every row are the inputs themselves ("DenseNet" style).
        for (int r = 0; r < batch; r++) CollectionAssert.AreEqual(x.AsSpan(r * inputs, inputs).ToArray(), training.AsSpan(r * module.OutputWidth, inputs).ToArray());
    }

    [TestMethod]
    public void FeatureScaleLayer_Initialize_SetsEveryScaleToOne_SoTheUntrainedLayerIsTheIdentity()
    {
        var layout = new ParameterLayout(FeatureScaleLayer.Blocks(3));
        var layer = new FeatureScaleLayer(3, layout.Ranges[0]);
        var parameters = new float[3];
        layer.Initialize(parameters);
        float[] x = [1.5f, -2f, 0.25f], y = new float[3];
        layer.Forward(new ModulePass(ComputeContext.SingleThreaded(), parameters, null), x, 1, default, y);
        CollectionAssert.AreEqual(x, y);
    }

    private static void Check(Module module, InputEmbedding stage, int inputs, int batch, int parameterCount, int seed)
    {
        float[] parameters = GradientChecker.Uniform(parameterCount, 0.7, seed);
        float[] x = GradientChecker.Uniform(batch * inputs, 1.5, seed + 1);
        float[] upstream = GradientChecker.Uniform(batch * module.OutputWidth, 1.0, seed + 2);
        var gradients = new float[parameterCount];
        Array.Fill(gradients, 99f);   // backward overwrites, never accumulates onto what was there
        var y = new float[batch * module.OutputWidth];
        var saved = new float[batch * module.SavedWidth];
        var dx = new float[batch * inputs];
        var pass = new ModulePass(ComputeContext.SingleThreaded(), parameters, gradients, new SeededRandom(1));
        module.Forward(pass, x, batch, saved, y);
        module.Backward(pass, x, y, saved, (float[])upstream.Clone(), batch, dx);

        double Loss(IReadOnlyList<double> theta, double[] input)
        {
            double sum = 0;
            for (int r = 0; r < batch; r++)
            {
                double[] row = ReferenceInputStage.Apply(stage, theta, 0, input[(r * inputs)..((r + 1) * inputs)]);
                for (int j = 0; j < row.Length; j++) sum += upstream[r * module.OutputWidth + j] * row[j];
            }
            return sum;
        }
        double[] theta = parameters.Select(v => (double)v).ToArray();
        double[] input = x.Select(v => (double)v).ToArray();
        GradientChecker.AssertClose(gradients, GradientChecker.CentralDifference(t => Loss(t, input), theta), $"{module} dθ", absolute: 1e-5);
        GradientChecker.AssertClose(dx, GradientChecker.CentralDifference(xi => Loss(theta, xi), input), $"{module} dx", absolute: 1e-5);
    }
}
