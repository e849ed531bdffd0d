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
