using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;
using NeuralNet.MLExtensions.Engine.Modules;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

[TestClass]
public sealed class DenseLayerShapeTests
{
    private const int In = 4, Out = 3, Batch = 2;
    private static readonly DenseLayer Layer = DenseLayerGradientTests.Create(In, Out, Activation.Tanh);
    private static readonly float[] Parameters = new float[In * Out + Out];

    private static ModulePass Pass() => new(ComputeContext.SingleThreaded(), Parameters, new float[Parameters.Length], new SeededRandom(1));

    [TestMethod]
    [DataRow(Batch * In - 1, Batch * Out, Batch * Out, "[2×4]", "7 values")]
    [DataRow(Batch * In, Batch * Out - 1, Batch * Out, "[2×3]", "5 values")]
    [DataRow(Batch * In, Batch * Out, 1, "[2×3]", "1 values")]
    public void DenseLayer_Forward_BufferTooSmall_ThrowsStatingExpectedAndActualShape(int x, int z, int a, string expectedShape, string actual)
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() =>
            Layer.Forward(Pass(), new float[x], Batch, new float[z], new float[a]));
        Assert.Contains(expectedShape, ex.Message);
        Assert.Contains($"got {actual}", ex.Message);
    }

    [TestMethod]
    public void DenseLayer_Backward_ErrorSignalTooSmall_ThrowsStatingExpectedAndActualShape()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() =>
            Layer.Backward(Pass(), new float[Batch * In], new float[Batch * Out], new float[Batch * Out], new float[Batch * Out - 2], Batch, default));
        Assert.Contains("[2×3]", ex.Message);
        Assert.Contains("got 4 values", ex.Message);
    }

    [TestMethod]
    public void DenseLayer_Backward_InputGradientTooSmall_ThrowsStatingExpectedAndActualShape()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() =>
            Layer.Backward(Pass(), new float[Batch * In], new float[Batch * Out], new float[Batch * Out], new float[Batch * Out], Batch, new float[Batch * In - 1]));
        Assert.Contains("[2×4]", ex.Message);
        Assert.Contains("got 7 values", ex.Message);
    }
}
