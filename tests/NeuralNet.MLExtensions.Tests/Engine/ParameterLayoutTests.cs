using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class ParameterLayoutTests
{
    [TestMethod]
    public void ParameterLayout_Constructor_PlacesEveryWeightBlockBeforeEveryBiasBlockInRegistrationOrder()
    {
        var layout = new ParameterLayout([
            new(ParameterKind.Weight, 6, 0), new(ParameterKind.Bias, 3, 0),
            new(ParameterKind.Weight, 4, 1), new(ParameterKind.Bias, 2, 1)]);

        CollectionAssert.AreEqual(new[]
        {
            new ParameterRange(0, 6, ParameterKind.Weight, 0), new ParameterRange(10, 3, ParameterKind.Bias, 0),
            new ParameterRange(6, 4, ParameterKind.Weight, 1), new ParameterRange(13, 2, ParameterKind.Bias, 1),
        }, layout.Ranges.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 6, 10, 13 }, layout.InBufferOrder.Select(r => r.Offset).ToArray());
        Assert.AreEqual(10, layout.WeightCount);
        Assert.AreEqual(15, layout.Count);
    }

    [TestMethod]
    public void MlpNetwork_Layout_MatchesTheSavedFormatAndTheArchitecture()
    {
        // 4 → 3 → 2: weights 12 + 6 at 0 and 12, biases 3 + 2 at 18 and 21 (see MlpNetworkConstructorTests).
        var architecture = new MlpArchitecture(4, [3], [Activation.Sigmoid], 2);
        var network = new MlpNetwork(architecture, new float[architecture.ParameterCount]);
        CollectionAssert.AreEqual(new[] { (0, 12), (12, 6), (18, 3), (21, 2) },
            network.Layout.InBufferOrder.Select(r => (r.Offset, r.Length)).ToArray());
        Assert.AreEqual(architecture.WeightCount, network.Layout.WeightCount);
        Assert.AreEqual(architecture.ParameterCount, network.Layout.Count);
    }

    [TestMethod]
    public void ParameterLayout_Constructor_MoreParametersThanAnArrayHolds_ThrowsWithTheCount()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ParameterLayout([
            new(ParameterKind.Weight, 2_000_000_000, 0), new(ParameterKind.Weight, 2_000_000_000, 1)]));
        Assert.Contains("4000000000 parameters", ex.Message);
    }
}
