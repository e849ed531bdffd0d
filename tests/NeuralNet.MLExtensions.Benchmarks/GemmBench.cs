using NeuralNet.MLExtensions.Benchmarks.Baseline;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>GFLOP/s of our Gemm against the first (baseline) Gemm on the training products, in the same run.</summary>
internal static class GemmBench
{
    /// <summary>A product C[m×n] = op(A)·op(B) as training calls it.</summary>
    internal sealed record Shape(string Name, bool TransA, bool TransB, int M, int N, int K);

    public static readonly Shape[] MlpShapes =
    [
        new("fwd  128×784·(256×784)ᵀ", false, true, 128, 256, 784),
        new("dW   (128×256)ᵀ·128×784", true, false, 256, 784, 128),
        new("dX   128×256·256×784", false, false, 128, 784, 256),
        new("fwd  128×256·(128×256)ᵀ", false, true, 128, 128, 256),
        new("dX   128×128·128×256", false, false, 128, 256, 128),
        new("fwd  128×64·(256×64)ᵀ", false, true, 128, 256, 64),
        new("row  1×784·(256×784)ᵀ (scoring one row)", false, true, 1, 256, 784),
    ];

    public static readonly Shape Square = new("2048³", false, false, 2048, 2048, 2048);

    /// <summary>Median GFLOP/s of ours and of the baseline on <paramref name="shape"/>.</summary>
    public static (double Ours, double Baseline) Measure(Shape s, int threads, int runs)
    {
        var random = new Random(1);
        float[] a = Fill(s.M * s.K, random), b = Fill(s.K * s.N, random), c = new float[s.M * s.N];
        double flops = 2.0 * s.M * s.N * s.K;
        // Repeat small products so one timed call is a few milliseconds.
        int repeat = (int)Math.Clamp(2e7 / flops, 1, 1000);
        var context = new ComputeContext(threads);
        double ours = Stats.MedianSeconds(runs, () =>
        {
            for (int r = 0; r < repeat; r++) Gemm.Multiply(context, s.TransA, s.TransB, s.M, s.N, s.K, a, b, c, accumulate: false);
        });
        double baseline = Stats.MedianSeconds(runs, () =>
        {
            for (int r = 0; r < repeat; r++) BaselineGemm.Multiply(context, s.TransA, s.TransB, s.M, s.N, s.K, a, b, c, accumulate: false);
        });
        return (flops * repeat / ours / 1e9, flops * repeat / baseline / 1e9);
    }

    private static float[] Fill(int n, Random random)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        return x;
    }
}
