using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Optimizers;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class TrainingStepTests
{
    private static Optimizer Sgd(MlpNetwork network) =>
        Optimizer.Create(OptimizerKind.Sgd, network.Parameters.Length, new OptimizerSettings(0.1f, 0.9f, false, 0.9f, 0.999f, 1e-8f, 0f));

    /// <summary>
    /// 65 536 rows × 65 537 hidden units is 4 295 032 832 values, which 32-bit arithmetic wraps to 65 536: the buffers
    /// were silently made far too small. The sizes are now computed in 64 bits and the step refuses, naming the buffer.
    /// </summary>
    [TestMethod]
    public void TrainingStep_Constructor_BatchTimesLayerWidthBeyondAnArray_ThrowsNamingTheBufferAndTheFix()
    {
        var architecture = new MlpArchitecture(1, [65_537], [Activation.Relu], 2);
        var network = new MlpNetwork(architecture, new float[architecture.ParameterCount]);
        var settings = new MlpTrainingSettings { HiddenLayerSizes = [65_537], NumberOfThreads = 1 };
        using var context = new ComputeContext(1);

        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingStep(network, settings, Sgd(network), context, batchCapacity: 65_536));
        Assert.Contains("Dense layer 0", ex.Message);
        Assert.Contains("[65536×65537] = 4295032832 values", ex.Message);
        Assert.Contains("BatchSize", ex.Message);
    }

    /// <summary>
    /// Once warm, a mini-batch (gather, forward through dense, GELU and dropout modules, loss with label smoothing and
    /// weights, backward, penalties, clipping, update) allocates nothing, and neither does scoring one row.
    /// </summary>
    [TestMethod]
    public void TrainingStep_Run_AndOneRowScoring_AllocateNothingOnceWarm()
    {
        const int rows = 40, inputs = 6, batch = 16;
        var architecture = new MlpArchitecture(inputs, [12, 8], [Activation.Gelu, Activation.Relu], 3);
        var network = new MlpNetwork(architecture, GradientChecker.Uniform((int)architecture.ParameterCount, 0.5, seed: 3));
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [12, 8], Activation = [Activation.Gelu, Activation.Relu], DropoutRates = [0.2f], LabelSmoothing = 0.1f,
            L1Regularization = 1e-4f, GradientClippingNorm = 1f, NumberOfThreads = 1,
        };
        using var context = new ComputeContext(1);
        var step = new TrainingStep(network, settings, Sgd(network), context, batch);
        float[] features = GradientChecker.Uniform(rows * inputs, 1.0, seed: 4);
        int[] labels = Enumerable.Range(0, rows).Select(i => i % 3).ToArray();
        float[] weights = Enumerable.Range(0, rows).Select(i => 0.5f + i % 2).ToArray();
        int[] order = Enumerable.Range(0, rows).ToArray();
        var random = new SeededRandom(9);
        var norms = new double[architecture.LayerCount];
        double normSum = 0;
        var inference = new MlpInference(network, standardizer: null);
        var probabilities = new float[3];
        for (int warm = 0; warm < 3; warm++)
        {
            step.Run(features, labels, null, weights, order, 0, batch, random, norms, ref normSum);
            inference.Probabilities(features.AsSpan(0, inputs), 1, probabilities);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int start = 0; start + batch <= rows; start += batch) step.Run(features, labels, null, weights, order, start, batch, random, norms, ref normSum);
        long training = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < rows; r++) inference.Probabilities(features.AsSpan(r * inputs, inputs), 1, probabilities);
        long scoring = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.AreEqual(0L, training, "bytes allocated by two training steps");
        Assert.AreEqual(0L, scoring, "bytes allocated scoring 40 single rows");
    }
}
