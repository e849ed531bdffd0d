using System.Runtime.Intrinsics.X86;

namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>Software prefetch of the rows the next mini-batch will gather, so they arrive while this one computes.</summary>
internal static unsafe class Prefetch
{
    /// <summary>Asks for rows <paramref name="rows"/> of data: [·×width] to be brought towards the cache (no effect on results).</summary>
    public static void Rows(float[] data, ReadOnlySpan<int> rows, int width)
    {
        if (!Sse.IsSupported) return;
        fixed (float* p = data)
            foreach (int r in rows)
            {
                if ((uint)r >= (uint)(data.Length / Math.Max(1, width))) continue;
                byte* start = (byte*)(p + (long)r * width), end = (byte*)(p + (long)(r + 1) * width);
                for (byte* line = start; line < end; line += 64) Sse.Prefetch2(line);
            }
    }
}
