using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class TrainerBatchingTests
{
    [TestMethod]
    [DataRow(10, 4, 3)]   // 4 + 4 + 2: the partial last batch is a step of its own
    [DataRow(9, 2, 5)]    // 2 + 2 + 2 + 2 + 1
    [DataRow(8, 4, 2)]    // exact fit, no empty extra batch
    [DataRow(5, 5, 1)]
    [DataRow(1, 1, 1)]
    [DataRow(3, 32, 1)]   // fewer rows than the batch size: one short batch
    public void Trainer_Run_TakesOneStepPerBatchIncludingThePartialLast(int rows, int batchSize, int stepsPerEpoch)
    {
        const int epochs = 3, features = 3;
        var architecture = new MlpArchitecture(features, [4], [Activation.Tanh], 2);
        var network = new MlpNetwork(architecture, GradientChecker.Uniform((int)architecture.ParameterCount, 0.5, seed: 41));
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [4],
            Activation = [Activation.Tanh],
            BatchSize = batchSize,
            MaximumNumberOfEpochs = epochs,
            ConvergencePatience = 100,
        };
        float[] x = GradientChecker.Uniform(rows * features, 1.0, seed: 42);
        int[] labels = Enumerable.Range(0, rows).Select(r => r % 2).ToArray();
        using var loop = new Trainer(network, settings, Math.Min(batchSize, rows));

        var result = loop.Run(x, rows, labels, null, null, null, null);

        Assert.AreEqual(epochs, result.Epochs);
        Assert.AreEqual((long)epochs * stepsPerEpoch, result.TrainingState.OptimizerStepCount);
    }
}
