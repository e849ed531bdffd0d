using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Optimizers;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class TrainingStepBufferSizeTests
{
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
        var optimizer = Optimizer.Create(OptimizerKind.Sgd, network.Parameters.Length, new OptimizerSettings(0.1f, 0f, false, 0.9f, 0.999f, 1e-8f, 0f));
        using var context = new ComputeContext(1);

        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new TrainingStep(network, settings, optimizer, context, batchCapacity: 65_536));
        Assert.Contains("Dense layer 0", ex.Message);
        Assert.Contains("[65536×65537] = 4295032832 values", ex.Message);
        Assert.Contains("BatchSize", ex.Message);
    }
}
