using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpEngineRegularizationTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    private static MlpTrainingResult Train(MlpTrainingSettings settings)
    {
        var d = Iris.Value;
        return MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, settings);
    }

    private static double WeightAbsSum(MlpTrainingResult r) => r.Network.Parameters[..(int)r.Network.Architecture.WeightCount].ToArray().Sum(w => Math.Abs((double)w));

    [TestMethod]
    public void MlpEngine_Train_L1Regularization_ShrinksTheWeightsAndCountsInTheLoss()
    {
        MlpTrainingSettings S(float l1) => new() { HiddenLayerSizes = [], LearningRate = 0.05f, MaximumNumberOfEpochs = 40, L2Regularization = 0f, L1Regularization = l1, NumberOfThreads = 1 };
        var plain = Train(S(0f));
        var sparse = Train(S(0.02f));
        Assert.IsLessThan(0.6 * WeightAbsSum(plain), WeightAbsSum(sparse));
        Assert.IsGreaterThan(plain.History[^1].TrainingLoss, sparse.History[^1].TrainingLoss, "the penalty is part of the reported loss");
    }

    [TestMethod]
    public void MlpEngine_Train_GradientClipping_LimitsEachStepAndReportsTheUnclippedNorm()
    {
        var d = Iris.Value;
        var architecture = new MlpArchitecture(4, [8], [Activation.Tanh], 3);
        var initial = new MlpNetwork(architecture, GradientChecker.Uniform((int)architecture.ParameterCount, 0.5, seed: 1));
        const float limit = 1e-3f, rate = 1f;
        var settings = new MlpTrainingSettings
        {
            HiddenLayerSizes = [8], Activation = [Activation.Tanh], Optimizer = OptimizerKind.Sgd, Momentum = 0f, Nesterov = false,
            LearningRate = rate, BatchSize = 1000, MaximumNumberOfEpochs = 1, L2Regularization = 0f, GradientClippingNorm = limit, NumberOfThreads = 1,
        };
        var result = MlpEngine.TrainInPlace((float[])d.Features.Clone(), d.Rows, 4, d.Labels, null, 3, settings, initial);

        double step = Math.Sqrt(initial.Parameters.ToArray().Zip(result.Network.Parameters.ToArray(), (a, b) => (double)(a - b) * (a - b)).Sum());
        Assert.AreEqual(rate * limit, step, 1e-6, "one SGD step of a gradient clipped to the limit");
        Assert.IsGreaterThan(100 * limit, result.History[0].GradientNorm, "the history shows the norm before clipping");
    }

    [TestMethod]
    public void MlpEngine_Train_Dropout_ChangesTrainingButIsDeterministicOnOneAndTwoThreads()
    {
        var digits = TabularData.Load("digits_train.csv");
        MlpTrainingResult T(float rate, int threads) => MlpEngine.Train(digits.Features, digits.FeatureCount, digits.Labels, default, digits.ClassCount,
            new MlpTrainingSettings { HiddenLayerSizes = [64, 32], DropoutRates = rate == 0 ? [] : [rate, rate / 2], BatchSize = 64, MaximumNumberOfEpochs = 2, NumberOfThreads = threads, MinimumParallelStepMultiplyAdds = 0 });
        var one = T(0.3f, 1);
        var two = T(0.3f, 2);
        var none = T(0f, 1);
        CollectionAssert.AreEqual(one.Network.Parameters.ToArray(), two.Network.Parameters.ToArray());
        Assert.IsFalse(one.Network.Parameters.SequenceEqual(none.Network.Parameters));
        Assert.IsGreaterThan(none.History[^1].TrainingLoss, one.History[^1].TrainingLoss, "dropout makes the training loss noisier and higher");
    }

    [TestMethod]
    public void MlpEngine_Train_LabelSmoothing_KeepsPredictionsLessConfident()
    {
        MlpTrainingSettings S(float e) => new() { HiddenLayerSizes = [16], LearningRate = 0.01f, MaximumNumberOfEpochs = 60, LabelSmoothing = e, NumberOfThreads = 1 };
        double MaxProbability(MlpTrainingResult r)
        {
            var d = Iris.Value;
            var row = new float[4];
            var p = new float[3];
            double max = 0;
            for (int i = 0; i < d.Rows; i++)
            {
                d.Features.AsSpan(i * 4, 4).CopyTo(row);
                r.Standardizer!.Apply(row, row);
                r.Network.Predict(row, p);
                max = Math.Max(max, p.Max());
            }
            return max;
        }
        Assert.IsLessThan(0.95, MaxProbability(Train(S(0.3f))));
        Assert.IsGreaterThan(0.99, MaxProbability(Train(S(0f))));
    }

    [TestMethod]
    public void ClassWeights_PerClass_BalancedIsInverseFrequency()
    {
        int[] labels = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2];
        var w = ClassWeights.PerClass(ClassWeighting.Balanced, null, labels, 4);
        CollectionAssert.AreEqual(new[] { 12f / (3 * 6), 12f / (3 * 2), 12f / (3 * 4), 0f }, w);
        var rows = ClassWeights.Apply(ClassWeighting.Explicit, [1f, 3f, 0.5f], labels[5..8], 3, 3, [2f, 2f, 1f]);
        CollectionAssert.AreEqual(new[] { 2f, 6f, 3f }, rows, "class weight × example weight");
    }

    [TestMethod]
    public void MlpEngine_Train_ExplicitClassWeights_EqualScaledExampleWeights()
    {
        var d = Iris.Value;
        var settings = new MlpTrainingSettings { HiddenLayerSizes = [8], MaximumNumberOfEpochs = 3, NumberOfThreads = 1 };
        var byClass = MlpEngine.Train(d.Features, 4, d.Labels, default, 3, new MlpTrainingSettings
        {
            HiddenLayerSizes = [8], MaximumNumberOfEpochs = 3, NumberOfThreads = 1, ClassWeighting = ClassWeighting.Explicit, ClassWeights = [1f, 1f, 4f],
        });
        var byRow = MlpEngine.Train(d.Features, 4, d.Labels, d.Labels.Select(y => y == 2 ? 4f : 1f).ToArray(), 3, settings);
        CollectionAssert.AreEqual(byRow.Network.Parameters.ToArray(), byClass.Network.Parameters.ToArray());
    }

    [TestMethod]
    public void MlpEngine_Train_ExplicitClassWeightsOfWrongLength_AreRejectedNamingTheOption()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Train(new MlpTrainingSettings
        {
            HiddenLayerSizes = [4], ClassWeighting = ClassWeighting.Explicit, ClassWeights = [1f, 2f],
        }));
        Assert.AreEqual("ClassWeights", ex.ParamName);
        StringAssert.Contains(ex.Message, "one weight per class (3); got 2");
    }
}
