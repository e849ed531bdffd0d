using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class MlpNetworkConstructorTests
{
    // 4 inputs → 3 sigmoid units → 2 classes: weights 4·3 + 3·2 = 18, biases 3 + 2 = 5, 23 parameters.
    private static readonly MlpArchitecture Architecture = new(4, [3], [Activation.Sigmoid], 2);

    [TestMethod]
    [DataRow(22)]
    [DataRow(24)]
    [DataRow(0)]
    public void MlpNetwork_Constructor_WrongParameterCount_ThrowsStatingExpectedAndActual(int count)
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => new MlpNetwork(Architecture, new float[count]));
        Assert.AreEqual("parameters", ex.ParamName);
        Assert.Contains("23 parameters", ex.Message);
        Assert.Contains($"got {count}", ex.Message);
    }

    [TestMethod]
    public void MlpNetwork_GetWeightsAndGetBiases_FollowTheDocumentedFlatLayout()
    {
        // Every layer's [out×in] row-major weights first, then every layer's biases.
        var parameters = Enumerable.Range(0, 23).Select(i => (float)i).ToArray();
        var network = new MlpNetwork(Architecture, parameters);

        Assert.AreEqual(23L, Architecture.ParameterCount);
        float[,] w0 = network.GetWeights(0), w1 = network.GetWeights(1);
        Assert.AreEqual(3, w0.GetLength(0));
        Assert.AreEqual(4, w0.GetLength(1));
        Assert.AreEqual(6f, w0[1, 2]);   // row 1, column 2 of the first [3×4] block
        Assert.AreEqual(2, w1.GetLength(0));
        Assert.AreEqual(3, w1.GetLength(1));
        Assert.AreEqual(12f, w1[0, 0]);
        Assert.AreEqual(17f, w1[1, 2]);
        CollectionAssert.AreEqual(new[] { 18f, 19f, 20f }, network.GetBiases(0));
        CollectionAssert.AreEqual(new[] { 21f, 22f }, network.GetBiases(1));
    }

    [TestMethod]
    public void MlpNetwork_Constructor_CopiesParameters()
    {
        var parameters = new float[23];
        var network = new MlpNetwork(Architecture, parameters);
        parameters[0] = 42f;
        Assert.AreEqual(0f, network.Parameters[0]);
    }

    [TestMethod]
    public void MlpNetwork_Predict_WrongFeatureCount_ThrowsStatingExpectedAndActual()
    {
        var network = new MlpNetwork(Architecture, new float[23]);
        var ex = Assert.ThrowsExactly<ArgumentException>(() => network.Predict(new float[3], new float[2]));
        Assert.AreEqual("features", ex.ParamName);
        Assert.Contains("Expected 4 features; got 3", ex.Message);
    }
}
