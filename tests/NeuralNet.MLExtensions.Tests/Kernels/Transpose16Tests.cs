using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Tests.Kernels;

[TestClass]
public sealed class Transpose16Tests
{
    [TestMethod]
    public unsafe void Transpose16_Block_TransposesWithStrides()
    {
        if (!Transpose16.IsSupported) Assert.Inconclusive("AVX-512 is not available on this machine.");
        const int srcStride = 19, dstStride = 33;
        var src = new float[16 * srcStride];
        for (int i = 0; i < src.Length; i++) src[i] = i;
        var dst = new float[16 * dstStride];
        fixed (float* s = src)
        fixed (float* d = dst)
            Transpose16.Block(s, srcStride, d, dstStride);
        for (int r = 0; r < 16; r++)
            for (int c = 0; c < 16; c++)
                Assert.AreEqual(src[r * srcStride + c], dst[c * dstStride + r], $"row {r}, column {c}");
    }
}
