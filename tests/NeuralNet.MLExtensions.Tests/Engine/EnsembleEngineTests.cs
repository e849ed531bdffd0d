using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// What an ensemble (EnsembleSize k ≥ 2) does beside its gradients: it predicts the mean of its members'
/// probabilities (by hand from the member logits), single rows and batches alike; it is the same model on 1 and 2 threads; warm start continues it exactly and refuses another k; validation measures
/// its mean prediction; the setting is validated; and k = 1 is the plain network.
/// </summary>
[TestClass]
public sealed class EnsembleEngineTests
{
    private static MlpTrainingSettings Settings(int k, int epochs = 40, int threads = 1, MlpTask task = MlpTask.Multiclass) => new()
    {
        Task = task, EnsembleSize = k, HiddenLayerSizes = [32], MaximumNumberOfEpochs = epochs, BatchSize = 16, Seed = 7,
        NumberOfThreads = threads, MinimumParallelStepMultiplyAdds = 0, DropoutRates = [0.1f],
    };

    [TestMethod]
    [DataRow(MlpTask.Multiclass)]
    [DataRow(MlpTask.Binary)]
    [DataRow(MlpTask.Regression)]
    public void MlpInference_Ensemble_PredictsTheMeanOfTheMembersProbabilitiesComputedByHand(MlpTask task)
    {
        int classes = task switch { MlpTask.Multiclass => 3, MlpTask.Binary => 2, _ => 0 };
        var architecture = new MlpArchitecture(3, [4], [Activation.Tanh], task, classes) { EnsembleSize = 3 };
        var network = new MlpNetwork(architecture, GradientChecker.Uniform((int)architecture.ParameterCount, 1.5, seed: 61));
        float[] rows = GradientChecker.Uniform(5 * 3, 2.0, seed: 62);
        var target = new TargetStandardizer(0, 1);
        var inference = new MlpInference(network, standardizer: null, target);
        int width = architecture.OutputSize;
        var batched = new float[5 * width];
        if (task == MlpTask.Regression) inference.Outputs(rows, 5, batched);
        else inference.Probabilities(rows, 5, batched);
        double[] theta = network.Parameters.ToArray().Select(v => (double)v).ToArray();
        for (int r = 0; r < 5; r++)
        {
            double[] expected = EnsembleReference.MeanProbabilities(architecture, theta, rows.AsSpan(r * 3, 3));
            var single = new float[width];
            if (task == MlpTask.Regression) inference.Outputs(rows.AsSpan(r * 3, 3), 1, single);
            else inference.Probabilities(rows.AsSpan(r * 3, 3), 1, single);
            for (int c = 0; c < width; c++)
            {
                Assert.AreEqual(expected[c], batched[r * width + c], 1e-5, $"row {r} output {c}: mean over members");
                Assert.AreEqual(batched[r * width + c], single[c], $"row {r} output {c}: one row at a time gives the batch's value");
            }
        }
        if (task != MlpTask.Binary) return;
        // Binary: the score (Outputs) is the logit of the mean probability.
        var logits = new float[5];
        inference.Outputs(rows, 5, logits);
        for (int r = 0; r < 5; r++) Assert.AreEqual(batched[r], MlpInference.Sigmoid(logits[r]), 1e-6, $"row {r}: σ(score) = mean probability");
    }

    [TestMethod]
    public void MlpEngine_Train_EnsembleIsTheSameModelOnOneAndTwoThreads()
    {
        var wine = TabularData.Load("wine_train.csv");
        var one = MlpEngine.Train(wine.Features, wine.FeatureCount, wine.Labels, default, wine.ClassCount, Settings(4, epochs: 5, threads: 1));
        var two = MlpEngine.Train(wine.Features, wine.FeatureCount, wine.Labels, default, wine.ClassCount, Settings(4, epochs: 5, threads: 2));
        CollectionAssert.AreEqual(one.Network.Parameters.ToArray(), two.Network.Parameters.ToArray());
    }

    [TestMethod]
    public void MlpEngine_Train_EnsembleWarmStartFromCheckpoint_MatchesTrainingStraightThrough()
    {
        var iris = TabularData.Load("iris_train.csv");
        MlpTrainingResult Train(int epochs, MlpWarmStart? warm = null) =>
            MlpEngine.Train(iris.Features, iris.FeatureCount, iris.Labels, default, iris.ClassCount, Settings(4, epochs), null, warm);
        var straight = Train(8);
        var resumed = Train(5, MlpWarmStart.From(Train(3)));
        CollectionAssert.AreEqual(straight.Network.Parameters.ToArray(), resumed.Network.Parameters.ToArray(), "bit-identical weights");

        var other = Assert.ThrowsExactly<ArgumentException>(() =>
            MlpEngine.Train(iris.Features, iris.FeatureCount, iris.Labels, default, iris.ClassCount, Settings(2, 2), null, MlpWarmStart.From(straight)));
        StringAssert.Contains(other.Message, "EnsembleSize");
        StringAssert.Contains(other.Message, "4 member");
    }

    [TestMethod]
    public void MlpEngine_Train_EnsembleValidationLossIsTheLossOfTheMeanProbability()
    {
        var train = TabularData.Load("wine_train.csv");
        var test = TabularData.Load("wine_test.csv");
        var validation = new ValidationSet(test.Features, test.Labels, null);
        var result = MlpEngine.Train(train.Features, train.FeatureCount, train.Labels, default, train.ClassCount,
            Settings(4, epochs: 4), validation, warmStart: null);
        var inference = new MlpInference(result.Network, result.Standardizer);
        var p = new float[test.Rows * test.ClassCount];
        inference.Probabilities(test.Features, test.Rows, p);
        double loss = 0, correct = 0;
        for (int r = 0; r < test.Rows; r++)
        {
            var row = p.AsSpan(r * test.ClassCount, test.ClassCount);
            loss -= Math.Log(row[test.Labels[r]]);
            int best = 0;
            for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
            if (best == test.Labels[r]) correct++;
        }
        Assert.AreEqual(loss / test.Rows, result.History[^1].ValidationLoss!.Value, 1e-4);
        Assert.AreEqual(correct / test.Rows, result.History[^1].ValidationAccuracy!.Value, 1e-9);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(65)]
    public void MlpTrainingSettings_Validate_EnsembleSizeOutOfRangeIsRefusedNamingIt(int k)
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpTrainingSettings { EnsembleSize = k }.Validate());
        Assert.AreEqual("EnsembleSize", error.ParamName);
        StringAssert.Contains(error.Message, $"MlpTrainingSettings.EnsembleSize must be in 1..64 (1 is a single network); got {k}.");
    }

    [TestMethod]
    public void MlpArchitecture_Ensemble_CountsItsHeadsAndScales()
    {
        var plain = new MlpArchitecture(5, [8], [Activation.Relu], 3);
        var ensemble = new MlpArchitecture(5, [8], [Activation.Relu], 3) { EnsembleSize = 4 };
        Assert.AreEqual(5 * 8 + 8 * 3, plain.WeightCount);
        Assert.AreEqual(5 * 8 + 4 * 8 * 3, ensemble.WeightCount);
        Assert.AreEqual(8 + 4 * 3, ensemble.BiasCount);
        Assert.AreEqual(4 * 5, ensemble.ScaleCount);
        Assert.AreEqual(0, plain.ScaleCount);
        Assert.AreEqual(ensemble.WeightCount + ensemble.BiasCount + ensemble.ScaleCount, ensemble.ParameterCount);
        Assert.AreEqual("5-8(Relu)-3 x4 members", ensemble.ToString());
    }

    [TestMethod]
    public void MlpEngine_Train_EnsembleScalesStartAsRandomSigns()
    {
        var iris = TabularData.Load("iris_train.csv");
        var architecture = new MlpArchitecture(iris.FeatureCount, [32], [Activation.Relu], iris.ClassCount) { EnsembleSize = 8 };
        var untrained = MlpEngine.Train(iris.Features, iris.FeatureCount, iris.Labels, default, iris.ClassCount,
            new MlpTrainingSettings { EnsembleSize = 8, HiddenLayerSizes = [32], MaximumNumberOfEpochs = 1, LearningRate = 1e-9f, NumberOfThreads = 1 });
        var scales = Enumerable.Range(0, 8).SelectMany(i => untrained.Network.GetMemberScales(i)).ToArray();
        Assert.IsTrue(scales.All(s => Math.Abs(Math.Abs(s) - 1) < 1e-4), "each scale starts at ±1 (moved by at most one tiny step)");
        Assert.IsTrue(scales.Any(s => s < 0) && scales.Any(s => s > 0), "both signs occur");
        Assert.AreEqual(architecture.ParameterCount, untrained.Network.Parameters.Length);
    }

    [TestMethod]
    public void MlpEngine_Train_EnsembleSizeOneIsThePlainNetwork()
    {
        var wine = TabularData.Load("wine_train.csv");
        var plain = MlpEngine.Train(wine.Features, wine.FeatureCount, wine.Labels, default, wine.ClassCount, Settings(MlpDefaults.EnsembleSize, epochs: 3));
        Assert.AreEqual(1, plain.Network.Architecture.EnsembleSize);
        Assert.AreEqual(new MlpArchitecture(wine.FeatureCount, [32], [Activation.Relu], wine.ClassCount).ParameterCount, plain.Network.Parameters.Length);
    }
}
