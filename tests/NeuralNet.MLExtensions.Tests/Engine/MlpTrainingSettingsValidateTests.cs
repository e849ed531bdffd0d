using System.Reflection;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpTrainingSettingsValidateTests
{
    /// <summary>Each case: the option named in ParamName, the invalid settings, and the value as the message must show it.</summary>
    public static IEnumerable<object[]> InvalidSettings =>
    [
        ["HiddenLayerSizes", new MlpTrainingSettings { HiddenLayerSizes = [10, 0] }, "0"],
        ["HiddenLayerSizes", new MlpTrainingSettings { HiddenLayerSizes = [-3] }, "-3"],
        ["Activation", new MlpTrainingSettings { HiddenLayerSizes = [4, 4, 4], Activation = [Activation.Relu, Activation.Tanh] }, "2"],
        ["Activation", new MlpTrainingSettings { HiddenLayerSizes = [4], Activation = [] }, "0"],
        ["LearningRate", new MlpTrainingSettings { LearningRate = 0f }, "0"],
        ["LearningRate", new MlpTrainingSettings { LearningRate = -0.5f }, "-0.5"],
        ["LearningRate", new MlpTrainingSettings { LearningRate = float.NaN }, "NaN"],
        ["BatchSize", new MlpTrainingSettings { BatchSize = 0 }, "0"],
        ["MaximumNumberOfEpochs", new MlpTrainingSettings { MaximumNumberOfEpochs = 0 }, "0"],
        ["L2Regularization", new MlpTrainingSettings { L2Regularization = -0.25f }, "-0.25"],
        ["Momentum", new MlpTrainingSettings { Momentum = 1f }, "1"],
        ["Momentum", new MlpTrainingSettings { Momentum = -0.5f }, "-0.5"],
        ["Beta1", new MlpTrainingSettings { Beta1 = 1f }, "1"],
        ["Beta1", new MlpTrainingSettings { Beta1 = -0.25f }, "-0.25"],
        ["Beta2", new MlpTrainingSettings { Beta2 = 1.5f }, "1.5"],
        ["Beta2", new MlpTrainingSettings { Beta2 = -0.25f }, "-0.25"],
        ["Epsilon", new MlpTrainingSettings { Epsilon = 0f }, "0"],
        ["Epsilon", new MlpTrainingSettings { Epsilon = -1e-8f }, "-1E-08"],
        ["ConvergencePatience", new MlpTrainingSettings { ConvergencePatience = 0 }, "0"],
        ["NumberOfThreads", new MlpTrainingSettings { NumberOfThreads = 0 }, "0"],
        ["ValidationFraction", new MlpTrainingSettings { ValidationFraction = 1f }, "1"],
        ["ValidationFraction", new MlpTrainingSettings { ValidationFraction = -0.1f }, "-0.1"],
        ["EarlyStoppingMetric", new MlpTrainingSettings { EarlyStoppingMetric = (EarlyStoppingMetric)9 }, "9"],
        ["EarlyStoppingPatience", new MlpTrainingSettings { EarlyStoppingPatience = 0 }, "0"],
        ["EarlyStoppingMinimumImprovement", new MlpTrainingSettings { EarlyStoppingMinimumImprovement = -1f }, "-1"],
        ["LearningRateSchedule", new MlpTrainingSettings { LearningRateSchedule = (LearningRateScheduleKind)9 }, "9"],
        ["StepDecayEpochs", new MlpTrainingSettings { StepDecayEpochs = 0 }, "0"],
        ["StepDecayFactor", new MlpTrainingSettings { StepDecayFactor = 0f }, "0"],
        ["StepDecayFactor", new MlpTrainingSettings { StepDecayFactor = 1.5f }, "1.5"],
        ["ExponentialDecayRate", new MlpTrainingSettings { ExponentialDecayRate = 2f }, "2"],
        ["WarmupEpochs", new MlpTrainingSettings { WarmupEpochs = -1 }, "-1"],
        ["MinimumLearningRate", new MlpTrainingSettings { MinimumLearningRate = -1f }, "-1"],
        ["MinimumLearningRate", new MlpTrainingSettings { LearningRate = 0.01f, MinimumLearningRate = 0.01f }, "0.01"],
        ["PlateauFactor", new MlpTrainingSettings { PlateauFactor = 1f }, "1"],
        ["PlateauPatience", new MlpTrainingSettings { PlateauPatience = 0 }, "0"],
        ["GradientClippingNorm", new MlpTrainingSettings { GradientClippingNorm = -1f }, "-1"],
        ["L1Regularization", new MlpTrainingSettings { L1Regularization = float.NaN }, "NaN"],
        ["DropoutRates", new MlpTrainingSettings { DropoutRates = [1f] }, "1"],
        ["DropoutRates", new MlpTrainingSettings { HiddenLayerSizes = [4], DropoutRates = [0.1f, 0.2f] }, "2"],
        ["LabelSmoothing", new MlpTrainingSettings { LabelSmoothing = 1f }, "1"],
        ["ClassWeighting", new MlpTrainingSettings { ClassWeighting = (ClassWeighting)7 }, "7"],
        ["ClassWeights", new MlpTrainingSettings { ClassWeighting = ClassWeighting.Explicit }, "none"],
        ["ClassWeights", new MlpTrainingSettings { ClassWeighting = ClassWeighting.Explicit, ClassWeights = [1f, -2f] }, "-2"],
        ["ClassWeights", new MlpTrainingSettings { ClassWeighting = ClassWeighting.Explicit, ClassWeights = [0f, 0f] }, "0 for every class"],
        ["ClassWeights", new MlpTrainingSettings { ClassWeighting = ClassWeighting.Balanced, ClassWeights = [1f, 2f] }, "2 weights"],
    ];

    public static string CaseName(MethodInfo method, object[] data) => $"{method.Name}({data[0]} = {data[2]})";

    [TestMethod]
    [DynamicData(nameof(InvalidSettings), DynamicDataDisplayName = nameof(CaseName))]
    public void MlpTrainingSettings_Validate_InvalidOption_ThrowsNamingOptionAndValue(string option, MlpTrainingSettings settings, string value)
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(settings.Validate);
        Assert.AreEqual(option, ex.ParamName);
        // "got <value>" is the engine's own wording; the framework's "Actual value was …" suffix must not be what passes.
        Assert.Contains(option, ex.Message);
        Assert.Contains($"got {value}", ex.Message);
    }

    [TestMethod]
    public void MlpTrainingSettings_Validate_DefaultsAndBoundaryValues_AreAccepted()
    {
        new MlpTrainingSettings().Validate();
        new MlpTrainingSettings
        {
            HiddenLayerSizes = [],
            Activation = [Activation.Tanh],
            LearningRate = float.Epsilon,
            BatchSize = 1,
            MaximumNumberOfEpochs = 1,
            L2Regularization = 0f,
            WeightDecay = 0f,
            Momentum = 0f,
            Beta1 = 0f,
            Beta2 = 0f,
            ConvergenceTolerance = 0f,
            ConvergencePatience = 1,
            NumberOfThreads = 1,
        }.Validate();
        new MlpTrainingSettings { HiddenLayerSizes = [3, 2], Activation = [Activation.Gelu, Activation.Sigmoid] }.Validate();
    }
}
