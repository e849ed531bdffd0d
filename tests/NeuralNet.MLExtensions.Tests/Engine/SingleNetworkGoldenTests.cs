using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// The default network (EnsembleSize 1) trains to bit-identical weights across changes to the module sequence: each
/// case's parameters hash to the value the engine gave before ensembles existed (commit 7a38de0), for the three tasks,
/// with dropout, example weights and a validation split.
/// </summary>
[TestClass]
public sealed class SingleNetworkGoldenTests
{
    internal static MlpTrainingSettings Settings(MlpTask task) => new()
    {
        Task = task,
        HiddenLayerSizes = [12, 7],
        DropoutRates = task == MlpTask.Multiclass ? [0.2f] : [],
        LabelSmoothing = task == MlpTask.Multiclass ? 0.1f : 0f,
        MaximumNumberOfEpochs = 6,
        BatchSize = 16,
        ValidationFraction = 0.2f,
        Seed = 5,
        NumberOfThreads = 1,
    };

    /// <summary>An order-sensitive hash of the exact bits of every parameter.</summary>
    internal static ulong Hash(ReadOnlySpan<float> parameters)
    {
        ulong h = 14695981039346656037UL;
        foreach (float v in parameters) h = (h ^ BitConverter.SingleToUInt32Bits(v)) * 1099511628211UL;
        return h;
    }

    internal static MlpTrainingResult Train(MlpTask task, MlpTrainingSettings settings)
    {
        var wine = TabularData.Load("wine_train.csv");
        var weights = Enumerable.Range(0, wine.Rows).Select(i => 0.5f + (i % 3) * 0.5f).ToArray();
        return task switch
        {
            MlpTask.Multiclass => MlpEngine.Train(wine.Features, wine.FeatureCount, wine.Labels, weights, wine.ClassCount, settings),
            MlpTask.Binary => MlpEngine.Train(wine.Features, wine.FeatureCount, wine.Labels.Select(l => l == 0 ? 1 : 0).ToArray(), weights, 2, settings),
            _ => MlpEngine.TrainRegression(wine.Features, wine.FeatureCount, wine.Labels.Select(l => (float)l * 1.5f + 2f).ToArray(), weights, settings),
        };
    }

    [TestMethod]
    [DataRow(MlpTask.Multiclass, 0x7268164590F576F5UL)]
    [DataRow(MlpTask.Binary, 0x8A8595F941429552UL)]
    [DataRow(MlpTask.Regression, 0x9FA2B15F39C244BCUL)]
    public void MlpEngine_Train_DefaultNetworkWeightsAreBitIdenticalToBeforeEnsembles(MlpTask task, ulong expected)
    {
        ulong hash = Hash(Train(task, Settings(task)).Network.Parameters);
        Console.WriteLine($"{task}: 0x{hash:X16}UL");
        Assert.AreEqual(expected, hash, $"{task}: 0x{hash:X16}");
    }
}
