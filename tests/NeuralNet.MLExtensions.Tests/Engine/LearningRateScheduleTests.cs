using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Schedules;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class LearningRateScheduleTests
{
    private static float[] Rates(MlpTrainingSettings settings, int epochs)
    {
        var schedule = LearningRateSchedule.Create(settings, epochs);
        var state = TrainingState.Begin(settings, warmStart: null);
        return Enumerable.Range(0, epochs).Select(e => schedule.Rate(e, state)).ToArray();
    }

    private static void AssertRates(double[] expected, float[] actual)
    {
        Assert.HasCount(expected.Length, actual);
        for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], actual[i], 1e-7 + 1e-6 * Math.Abs(expected[i]), $"epoch {i}");
    }

    [TestMethod]
    public void LearningRateSchedule_Constant_KeepsTheRate() =>
        AssertRates([0.1, 0.1, 0.1], Rates(new MlpTrainingSettings { LearningRate = 0.1f }, 3));

    [TestMethod]
    public void LearningRateSchedule_StepDecay_MultipliesEveryNEpochs() =>
        AssertRates([0.1, 0.1, 0.05, 0.05, 0.025],
            Rates(new MlpTrainingSettings { LearningRate = 0.1f, LearningRateSchedule = LearningRateScheduleKind.StepDecay, StepDecayEpochs = 2, StepDecayFactor = 0.5f }, 5));

    [TestMethod]
    public void LearningRateSchedule_ExponentialDecay_MultipliesEveryEpoch() =>
        AssertRates([0.1, 0.09, 0.081, 0.0729],
            Rates(new MlpTrainingSettings { LearningRate = 0.1f, LearningRateSchedule = LearningRateScheduleKind.ExponentialDecay, ExponentialDecayRate = 0.9f }, 4));

    [TestMethod]
    public void LearningRateSchedule_CosineDecay_WarmsUpLinearlyThenFallsToTheMinimum()
    {
        // Warm-up 0.1·1/3, 0.1·2/3; then cosine from 0.1 (epoch 2) to 0.01 (epoch 6) over 4 steps.
        double Cos(double p) => 0.01 + 0.09 * 0.5 * (1 + Math.Cos(Math.PI * p));
        AssertRates([0.1 / 3, 0.2 / 3, Cos(0), Cos(0.25), Cos(0.5), Cos(0.75), Cos(1)],
            Rates(new MlpTrainingSettings { LearningRate = 0.1f, LearningRateSchedule = LearningRateScheduleKind.CosineDecay, WarmupEpochs = 2, MinimumLearningRate = 0.01f }, 7));
    }

    [TestMethod]
    public void LearningRateSchedule_OneCycle_RisesToTheRateThenAnnealsFarBelowIt()
    {
        var rates = Rates(new MlpTrainingSettings { LearningRate = 0.1f, LearningRateSchedule = LearningRateScheduleKind.OneCycle }, 10);
        Assert.AreEqual(0.1 / 25, rates[0], 1e-8, "starts at LearningRate/25");
        Assert.AreEqual(0.1, rates[3], 1e-7, "peaks after 30% of the epochs");
        Assert.AreEqual(0.1 / 1e4, rates[9], 1e-9, "ends at LearningRate/1e4");
        for (int e = 1; e <= 3; e++) Assert.IsGreaterThan(rates[e - 1], rates[e]);
        for (int e = 4; e < 10; e++) Assert.IsLessThan(rates[e - 1], rates[e]);
    }

    [TestMethod]
    public void LearningRateSchedule_ReduceOnPlateau_ReducesAfterPatienceStaleEpochsNotBelowMinimum()
    {
        var settings = new MlpTrainingSettings
        {
            LearningRate = 0.1f, LearningRateSchedule = LearningRateScheduleKind.ReduceOnPlateau, PlateauFactor = 0.5f, PlateauPatience = 2, MinimumLearningRate = 0.03f,
        };
        var schedule = LearningRateSchedule.Create(settings, 100);
        var state = TrainingState.Begin(settings, warmStart: null);
        var rates = new List<float>();
        foreach (double loss in new[] { 1.0, 0.9, 0.9, 0.95, 0.9, 0.9, 0.5, 0.9, 0.9, 0.9, 0.9 })
        {
            rates.Add(schedule.Rate(rates.Count, state));
            state = schedule.EndOfEpoch(state with { EpochsCompleted = rates.Count }, loss);
        }
        rates.Add(schedule.Rate(rates.Count, state));
        // Improves at 1.0, 0.9; stale 0.9, 0.95 → 0.05; stale 0.9, 0.9 → 0.03 (floor, not 0.025); 0.5 improves; stale ×4 → stays 0.03.
        AssertRates([0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03], rates.ToArray());
    }

    [TestMethod]
    public void MlpEngine_Train_Schedule_SetsEachEpochsReportedRate()
    {
        var data = TabularData.Load("iris_train.csv");
        var result = MlpEngine.Train(data.Features, data.FeatureCount, data.Labels, default, data.ClassCount, new MlpTrainingSettings
        {
            HiddenLayerSizes = [8], LearningRate = 0.01f, MaximumNumberOfEpochs = 4, NumberOfThreads = 1,
            LearningRateSchedule = LearningRateScheduleKind.StepDecay, StepDecayEpochs = 1, StepDecayFactor = 0.5f,
        });
        AssertRates([0.01, 0.005, 0.0025, 0.00125], result.History.Select(h => h.LearningRate).ToArray());
    }
}
