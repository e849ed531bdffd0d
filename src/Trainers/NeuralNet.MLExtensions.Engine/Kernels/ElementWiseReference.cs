namespace NeuralNet.MLExtensions.Engine.Kernels;

/// <summary>The slow, obvious versions of <see cref="ElementWise"/>'s kernels, for tests.</summary>
internal static class ElementWiseReference
{
    public static void BiasRelu(ReadOnlySpan<float> bias, int rows, Span<float> z, Span<float> a)
    {
        int width = bias.Length;
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < width; j++)
            {
                float v = z[r * width + j] + bias[j];
                z[r * width + j] = v;
                a[r * width + j] = MathF.Max(v, 0f);
            }
    }

    public static void ReluBackward(ReadOnlySpan<float> a, Span<float> grad)
    {
        for (int i = 0; i < grad.Length; i++)
            if (a[i] <= 0f) grad[i] = 0f;
    }

    public static void Adam(Span<float> p, ReadOnlySpan<float> g, Span<float> m, Span<float> v,
        float beta1, float beta2, float step, float eps)
    {
        for (int i = 0; i < p.Length; i++)
        {
            float gi = g[i];
            float mi = beta1 * m[i] + (1f - beta1) * gi;
            float vi = beta2 * v[i] + (1f - beta2) * gi * gi;
            float pi = p[i] - step * mi / (MathF.Sqrt(vi) + eps);
            m[i] = ElementWise.FlushSubnormal(mi);
            v[i] = ElementWise.FlushSecondMoment(vi, mi);
            p[i] = ElementWise.FlushNegligible(pi);
        }
    }
}
