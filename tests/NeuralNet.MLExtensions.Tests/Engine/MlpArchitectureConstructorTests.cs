using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpArchitectureConstructorTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(-2)]
    public void MlpArchitecture_Constructor_InputSizeBelowOne_Throws(int inputSize)
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpArchitecture(inputSize, [], [], 2));
        Assert.AreEqual("inputSize", ex.ParamName);
        Assert.Contains($"got {inputSize}", ex.Message);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(0)]
    public void MlpArchitecture_Constructor_FewerThanTwoClasses_Throws(int classCount)
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new MlpArchitecture(3, [], [], classCount));
        Assert.AreEqual("classCount", ex.ParamName);
        Assert.Contains($"got {classCount}", ex.Message);
    }

    [TestMethod]
    public void MlpArchitecture_Constructor_HiddenLayerWithoutUnits_ThrowsNamingTheLayer()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            new MlpArchitecture(3, [5, 0], [Activation.Relu, Activation.Relu], 2));
        Assert.AreEqual("hiddenLayerSizes", ex.ParamName);
        Assert.Contains("Hidden layer 1", ex.Message);
        Assert.Contains("got 0", ex.Message);
    }

    [TestMethod]
    public void MlpArchitecture_Constructor_ActivationCountMismatch_Throws()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new MlpArchitecture(3, [5, 4], [Activation.Relu], 2));
        Assert.AreEqual("activations", ex.ParamName);
        Assert.Contains("got 1", ex.Message);
    }

    [TestMethod]
    public void MlpArchitecture_Constructor_ValidShape_CountsParameters()
    {
        // 64 → 100 → 10: weights 6400 + 1000, biases 100 + 10.
        var architecture = new MlpArchitecture(64, [100], [Activation.Relu], 10);
        Assert.AreEqual(7400L, architecture.WeightCount);
        Assert.AreEqual(110L, architecture.BiasCount);
        Assert.AreEqual(7510L, architecture.ParameterCount);
        Assert.AreEqual(2, architecture.LayerCount);
        Assert.AreEqual(Activation.Identity, architecture.LayerActivation(1));
        Assert.AreEqual("64-100(Relu)-10", architecture.ToString());
    }
}
