using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>AdamW's decay is decoupled from the gradient: by default it gets no coupled L2 gradient on top.</summary>
[TestClass]
public sealed class MlpEngineAdamWTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    /// <summary>The trained parameters' bit patterns, so that equality is bit for bit.</summary>
    private static int[] Train(MlpTrainingSettings settings)
    {
        var data = Iris.Value;
        var parameters = MlpEngine.Train(data.Features, data.FeatureCount, data.Labels, default, data.ClassCount, settings).Network.Parameters.ToArray();
        return parameters.Select(BitConverter.SingleToInt32Bits).ToArray();
    }

    [TestMethod]
    public void MlpEngine_Train_AdamWWithDefaultL2AndNoDecay_IsBitIdenticalToAdamWithoutL2()
    {
        // Before the fix, AdamW also got the default coupled L2 gradient (1e-4·W), so the two runs differed.
        var adamW = Train(new MlpTrainingSettings { Optimizer = OptimizerKind.AdamW, WeightDecay = 0f, HiddenLayerSizes = [8], MaximumNumberOfEpochs = 5, NumberOfThreads = 1 });
        var adam = Train(new MlpTrainingSettings { Optimizer = OptimizerKind.Adam, L2Regularization = 0f, HiddenLayerSizes = [8], MaximumNumberOfEpochs = 5, NumberOfThreads = 1 });
        CollectionAssert.AreEqual(adam, adamW);
        // ... and the L2 penalty does reach Adam when left at its default, or the comparison above would prove nothing.
        var adamDefaultL2 = Train(new MlpTrainingSettings { Optimizer = OptimizerKind.Adam, HiddenLayerSizes = [8], MaximumNumberOfEpochs = 5, NumberOfThreads = 1 });
        CollectionAssert.AreNotEqual(adam, adamDefaultL2);
    }
}
