using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>
/// <c>ShuffleStreamedReads</c> through <c>Fit</c> on an ML.NET binary file (which can give a shuffled cursor): the
/// accuracy floor, the same model on every run, and a model other than reading in order.
/// </summary>
[TestClass]
public sealed class MlpTrainerShuffledReadTests
{
    private static (IDataView Train, IDataView Test, string File) BinaryDigits(MLContext ml)
    {
        var keys = ml.Transforms.Conversion.MapValueToKey("Label").Fit(MlNetData.Load(ml, "digits_train.csv"));
        string file = Path.Combine(Path.GetTempPath(), $"nnmlx-shuffled-{Guid.NewGuid():N}.idv");
        using (var stream = File.Create(file))
            ml.Data.SaveAsBinary(keys.Transform(MlNetData.Load(ml, "digits_train.csv")), stream);
        return (ml.Data.LoadFromBinary(file), keys.Transform(MlNetData.Load(ml, "digits_test.csv")), file);
    }

    [TestMethod]
    public void DataViewBlockSource_PassSeed_IsTheSameInEveryProcess()
    {
        // A process-seeded hash (HashCode.Combine) would give another order, and another model, in every process.
        Assert.AreEqual(5_000_016, NeuralNet.MLExtensions.Data.DataViewBlockSource.PassSeed(5, 1));
        Assert.AreEqual(5_000_017, NeuralNet.MLExtensions.Data.DataViewBlockSource.PassSeed(5, 2));
    }

    [TestMethod]
    public void MlpTrainer_Fit_ShuffledStreamedReads_ReachesTheFloor_RepeatsAndDiffersFromReadingInOrder()
    {
        var ml = new MLContext(seed: 0);
        var (train, test, file) = BinaryDigits(ml);
        try
        {
            Assert.IsTrue(train.CanShuffle, "a binary file gives a shuffled cursor");
            MlpModelParameters Fit(bool shuffle, int epochs) => ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
            {
                DataPath = MlpDataPath.Streaming, ShuffleStreamedReads = shuffle, Seed = 5, HiddenLayerSizes = [32], EnsembleSize = 1,
                MaximumNumberOfEpochs = epochs,
            }).Fit(train).Model;

            var full = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { DataPath = MlpDataPath.Streaming, ShuffleStreamedReads = true, Seed = 5 }).Fit(train);
            double accuracy = ml.MulticlassClassification.Evaluate(full.Transform(test)).MicroAccuracy;
            Console.WriteLine($"digits, shuffled streamed reads, default options: micro accuracy {accuracy:F4}");
            Assert.IsGreaterThanOrEqualTo(0.97, accuracy);   // MlpTrainerAccuracyTests' floor, in memory

            var first = Fit(shuffle: true, epochs: 3);
            var again = Fit(shuffle: true, epochs: 3);
            var ordered = Fit(shuffle: false, epochs: 3);
            CollectionAssert.AreEqual(first.Network.Parameters.ToArray(), again.Network.Parameters.ToArray(), "same seed, same model");
            CollectionAssert.AreNotEqual(first.Network.Parameters.ToArray(), ordered.Network.Parameters.ToArray(), "the shuffled order reaches the training");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
