using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class TrainingThreadsTests
{
    private static MlpArchitecture Network(int inputs, int[] hidden, int classes, int members = 1) =>
        new(inputs, hidden, hidden.Select(_ => Activation.Relu).ToArray(), classes) { EnsembleSize = members };

    [TestMethod]
    public void StepMultiplyAdds_CountsEveryMemberRowThroughEveryLayer()
    {
        // 32 rows × 8 members × (26·100 + 100·4) = 768,000.
        Assert.AreEqual(768_000L, TrainingThreads.StepMultiplyAdds(Network(26, [100], 4, members: 8), 32));
        // 32 rows × (784·256 + 256·128 + 128·10) = 7,512,064.
        Assert.AreEqual(7_512_064L, TrainingThreads.StepMultiplyAdds(Network(784, [256, 128], 10), 32));
    }

    [TestMethod]
    public void For_SmallStep_UsesOneThread_LargeStep_UsesTheSetting()
    {
        Assert.AreEqual(1, TrainingThreads.For(Network(26, [100], 4, members: 8), 32, requested: 2));
        Assert.AreEqual(2, TrainingThreads.For(Network(784, [256, 128], 10), 32, requested: 2));
        Assert.AreEqual(1, TrainingThreads.For(Network(784, [256, 128], 10), 32, requested: 1), "never more than asked");
        Assert.AreEqual(2, TrainingThreads.For(Network(26, [100], 4, members: 8), 32, requested: 2, minimum: 0), "a threshold of 0 always shares");
    }

    [TestMethod]
    public void For_Threshold_IsStrict()
    {
        var architecture = Network(26, [100], 4, members: 8);
        long work = TrainingThreads.StepMultiplyAdds(architecture, 32);
        Assert.AreEqual(2, TrainingThreads.For(architecture, 32, 2, minimum: work));
        Assert.AreEqual(1, TrainingThreads.For(architecture, 32, 2, minimum: work + 1));
    }
}
