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
        ["FeatureScaling", new MlpTrainingSettings { FeatureScaling = (FeatureScaling)9 }, "9"],
        ["ClassWeights", new MlpTrainingSettings { ClassWeighting = ClassWeighting.Explicit }, "none"],
        ["ClassWeights", new MlpTrainingSettings { ClassWeighting = ClassWeighting.Explicit, ClassWeights = [1f, -2f] }, "-2"],
        ["ClassWeights", new MlpTrainingSettings { ClassWeighting = ClassWeighting.Explicit, ClassWeights = [0f, 0f] }, "0 for every class"],
        ["ClassWeights", new MlpTrainingSettings { ClassWeighting = ClassWeighting.Balanced, ClassWeights = [1f, 2f] }, "2 weights"],
        ["HiddenLayerSizes", new MlpTrainingSettings { HiddenLayerSizes = [100_000, 100_000] }, "[100000, 100000]"],
        ["HiddenLayerSizes", new MlpTrainingSettings { HiddenLayerSizes = [MlpLimits.MaxLayerSize + 1] }, "1,048,577"],
        ["HiddenLayerSizes", new MlpTrainingSettings { HiddenLayerSizes = new int[MlpLimits.MaxHiddenLayers + 1].Select(_ => 1).ToArray() }, "257"],
        ["NumberOfThreads", new MlpTrainingSettings { NumberOfThreads = 10_000 }, "10000"],
        ["NumberOfThreads", new MlpTrainingSettings { NumberOfThreads = MlpLimits.MaxThreads + 1 }, $"{MlpLimits.MaxThreads + 1}"],
        ["L2Regularization", new MlpTrainingSettings { Optimizer = OptimizerKind.AdamW, L2Regularization = 1e-3f }, "0.001"],
    ];

    public static string CaseName(MethodInfo method, object[] data) => $"{method.Name}({data[0]} = {data[2]})";

    [TestMethod]
    [DynamicData(nameof(InvalidSettings), DynamicDataDisplayName = nameof(CaseName))]
    public void MlpTrainingSettings_Validate_InvalidOption_ThrowsNamingOptionAndValue(string option, MlpTrainingSettings settings, string value)
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(settings.Validate);
        Assert.AreEqual(option, ex.ParamName);
        // The engine speaks of its own settings; the ML.NET trainer puts its option names in their place.
        StringAssert.StartsWith(ex.Message, $"MlpTrainingSettings.{option}");
        // "got <value>" is the engine's own wording; the framework's "Actual value was …" suffix must not be what passes.
        Assert.Contains($"got {value}", ex.Message);
    }

    [TestMethod]
    public void MlpTrainingSettings_Validate_MessagesNameEngineSettings()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(new MlpTrainingSettings { HiddenLayerSizes = [10, 0] }.Validate);
        StringAssert.StartsWith(ex.Message, "MlpTrainingSettings.HiddenLayerSizes[1] must be positive; got 0.");
        // A rule about two settings names both as settings.
        ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(new MlpTrainingSettings { LearningRate = 0.01f, MinimumLearningRate = 0.5f }.Validate);
        StringAssert.StartsWith(ex.Message, "MlpTrainingSettings.MinimumLearningRate must be below MlpTrainingSettings.LearningRate (0.01); got 0.5.");
    }

    [TestMethod]
    public void MlpTrainingSettings_Validate_NullHiddenLayerSizes_ThrowsArgumentNullNamingIt()
    {
        var ex = Assert.ThrowsExactly<ArgumentNullException>(new MlpTrainingSettings { HiddenLayerSizes = null! }.Validate);
        Assert.AreEqual("HiddenLayerSizes", ex.ParamName);
        StringAssert.StartsWith(ex.Message, "MlpTrainingSettings.HiddenLayerSizes must not be null");
    }

    [TestMethod]
    public void MlpTrainingSettings_Validate_HugeHiddenLayers_RefusedBeforeAnyAllocation()
    {
        // [100000, 100000] once went on to allocate over 10 billion floats and failed with a bare OverflowException.
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(new MlpTrainingSettings { HiddenLayerSizes = [100_000, 100_000] }.Validate);
        Assert.AreEqual("HiddenLayerSizes", ex.ParamName);
        StringAssert.Contains(ex.Message, "at most 67,108,864 parameters");
        StringAssert.Contains(ex.Message, "gives at least 10,000,500,002");
        Assert.AreEqual(10_000_500_002L, ex.ActualValue);
    }

    [TestMethod]
    public void MlpTrainingSettings_ValidateForData_NetworkTooLargeForTheFeatures_NamesHiddenLayerSizesAndTheCounts()
    {
        var settings = new MlpTrainingSettings { HiddenLayerSizes = [70_000] };
        settings.Validate();   // the hidden layer alone is within the limit
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => settings.ValidateForData(featureCount: 1_000, classCount: 10));
        Assert.AreEqual("HiddenLayerSizes", ex.ParamName);
        StringAssert.StartsWith(ex.Message, "MlpTrainingSettings.HiddenLayerSizes must give a network of at most 67,108,864 parameters");
        StringAssert.Contains(ex.Message, "with 1,000 features and 10 classes gives 70,770,010.");
        settings.ValidateForData(featureCount: 900, classCount: 10);   // 63,770,010 parameters: accepted
    }

    [TestMethod]
    public void MlpLimits_ParameterCount_MatchesTheArchitecture()
    {
        var architecture = new MlpArchitecture(7, [5, 3], [Activation.Relu, Activation.Relu], 4);
        Assert.AreEqual(architecture.ParameterCount, MlpLimits.ParameterCount(7, [5, 3], 4));
        Assert.AreEqual(10_000_500_002L, MlpLimits.ParameterCount(1, [100_000, 100_000], 2));
    }

    [TestMethod]
    public void MlpLimits_DoNotExceedWhatTheModelFormatLoads()
    {
        // Anything the engine trains must load again: its size limits may not exceed the loader's caps, and the
        // parameters with Adam's two moment buffers (12 bytes each) must fit the largest payload.
        Assert.IsLessThanOrEqualTo(NeuralNet.MLExtensions.Persistence.ModelLimits.MaxHiddenLayers, MlpLimits.MaxHiddenLayers);
        Assert.IsLessThanOrEqualTo(NeuralNet.MLExtensions.Persistence.ModelLimits.MaxLayerSize, MlpLimits.MaxLayerSize);
        Assert.IsLessThanOrEqualTo(NeuralNet.MLExtensions.Persistence.ModelLimits.MaxInputSize, MlpLimits.MaxFeatureCount);
        Assert.IsLessThanOrEqualTo(NeuralNet.MLExtensions.Persistence.ModelLimits.MaxClasses, MlpLimits.MaxClassCount);
        Assert.IsLessThanOrEqualTo(NeuralNet.MLExtensions.Persistence.ModelLimits.MaxPayloadBytes - (256L << 20), 12 * MlpLimits.MaxParameterCount);
    }

    [TestMethod]
    public void MlpTrainingSettings_L2Regularization_Unset_FollowsTheOptimizer()
    {
        Assert.AreEqual(1e-4f, new MlpTrainingSettings().L2Regularization);
        Assert.AreEqual(1e-4f, new MlpTrainingSettings { Optimizer = OptimizerKind.Sgd }.L2Regularization);
        Assert.AreEqual(0f, new MlpTrainingSettings { Optimizer = OptimizerKind.AdamW }.L2Regularization);
        Assert.AreEqual(0.5f, new MlpTrainingSettings { L2Regularization = 0.5f }.L2Regularization);
        new MlpTrainingSettings { Optimizer = OptimizerKind.AdamW, L2Regularization = 0f }.Validate();
    }

    [TestMethod]
    public void MlpTrainingSettings_Validate_L2WithAdamW_SaysToUseWeightDecay()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(new MlpTrainingSettings { Optimizer = OptimizerKind.AdamW, L2Regularization = 1e-3f }.Validate);
        StringAssert.Contains(ex.Message, "Set WeightDecay instead");
    }

    [TestMethod]
    public void MlpTrainingSettings_Validate_TooManyThreads_NamesTheProcessorCount()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(new MlpTrainingSettings { NumberOfThreads = 10_000 }.Validate);
        StringAssert.Contains(ex.Message, $"must be at most {2 * Environment.ProcessorCount}, twice the {Environment.ProcessorCount} processors");
        new MlpTrainingSettings { NumberOfThreads = MlpLimits.MaxThreads }.Validate();
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
