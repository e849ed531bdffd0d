using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// The input stage (<see cref="InputEmbedding"/>) of one row in double precision, written from its documentation:
/// out = [x | L_i·cos(2π·w_i·x_j + b_i) + β_i per embedded feature], or [x | piecewise-linear bins] (each bin t of
/// feature j (x_j − e_t)/(e_t₊₁ − e_t), clipped to [0, 1] except below for the first bin and above for the last, then
/// centred and scaled by its column's mean and scale), then out ⊙ s when scaled. θ from
/// <paramref name="offset"/> holds w [m×k], b [m×k], L [m×E×k], β [m×E], then s [width].
/// </summary>
internal static class ReferenceInputStage
{
    public static double[] Apply(InputEmbedding stage, IReadOnlyList<double> theta, int offset, double[] x)
    {
        int m = stage.EmbeddedFeatures.Count, k = stage.Frequencies, e = stage.EmbeddingWidth;
        var output = new List<double>(x);
        int w = offset, b = w + m * k, map = b + m * k, beta = map + m * e * k, scale = beta + m * e;
        for (int i = 0; i < m; i++)
        {
            double xj = x[stage.EmbeddedFeatures[i]];
            var c = new double[k];
            for (int f = 0; f < k; f++) c[f] = Math.Cos(2 * Math.PI * theta[w + i * k + f] * xj + theta[b + i * k + f]);
            for (int o = 0; o < e; o++)
            {
                double v = theta[beta + i * e + o];
                for (int f = 0; f < k; f++) v += theta[map + (i * e + o) * k + f] * c[f];
                output.Add(v);
            }
        }
        if (stage.PiecewiseLinear is { } bins)
        {
            int c = 0;
            for (int i = 0; i < bins.Features.Count; i++)
            {
                IReadOnlyList<float> edges = bins.Edges[i];
                int t = edges.Count - 1;
                for (int bin = 0; bin < t; bin++, c++)
                {
                    double v = (x[bins.Features[i]] - edges[bin]) / ((double)edges[bin + 1] - edges[bin]);
                    if (bin > 0) v = Math.Max(v, 0);
                    if (bin < t - 1) v = Math.Min(v, 1);
                    output.Add((v - bins.ColumnMeans[c]) * bins.ColumnScales[c]);
                }
            }
        }
        if (stage.FeatureScale)
            for (int j = 0; j < output.Count; j++) output[j] *= theta[scale + j];
        return [.. output];
    }
}
