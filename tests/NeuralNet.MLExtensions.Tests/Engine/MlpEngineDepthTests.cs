using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>The per-layer gradient norms make vanishing gradients visible; ReLU with He initialisation trains the same depth.</summary>
[TestClass]
public sealed class MlpEngineDepthTests
{
    private static readonly Lazy<TabularData> Digits = new(() => TabularData.Load("digits_train.csv"));
    private static readonly int[] TenLayers = Enumerable.Repeat(16, 10).ToArray();

    private static MlpTrainingResult Train(Activation activation, WeightInitialization initialization, int epochs, float learningRate = 0.001f)
    {
        var d = Digits.Value;
        return MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, new MlpTrainingSettings
        {
            HiddenLayerSizes = TenLayers, Activation = [activation], WeightInitialization = initialization,
            MaximumNumberOfEpochs = epochs, LearningRate = learningRate, BatchSize = 32, Seed = 1,
        });
    }

    [TestMethod]
    public void MlpEngine_Train_DeepSigmoidWithStandardNormalInit_FirstLayerGradientsVanish()
    {
        // Ten sigmoid layers of 16 units with N(0, 1) weights saturate: each layer passes back a fraction of the signal.
        var result = Train(Activation.Sigmoid, WeightInitialization.StandardNormal, epochs: 2);
        foreach (var report in result.History)
        {
            var norms = report.LayerGradientNorms;
            Console.WriteLine(string.Join("  ", norms.Select(n => n.ToString("E1", System.Globalization.CultureInfo.InvariantCulture))));
            Assert.HasCount(11, norms);
            Assert.IsLessThan(norms[^1] / 100, norms[0], "first-layer gradient at least two orders of magnitude below the output layer's");
            Assert.IsLessThan(norms[^1] / 10, norms[4], "and already one order below it half-way");
        }
    }

    [TestMethod]
    public void MlpEngine_Train_DeepReluWithHeInit_TrainsToAGoodAccuracy()
    {
        var result = Train(Activation.Relu, WeightInitialization.He, epochs: 40, learningRate: 0.003f);
        var norms = result.History[0].LayerGradientNorms;
        Assert.IsGreaterThan(norms[^1] / 10, norms[0], "no vanishing: the first layer's gradient is within an order of magnitude of the output layer's");
        double accuracy = TabularData.Accuracy(result, TabularData.Load("digits_test.csv"));
        Console.WriteLine($"accuracy {accuracy:F4}");
        Assert.IsGreaterThan(0.93, accuracy);
    }
}
