using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// Periodic embeddings (<see cref="PeriodicEmbedding"/>) as standard operators, in the engine's float order: the m
/// embedded inputs gathered, a = (2π·x_j)·w + b as [N×m×k], cos, then each feature's own map e_i = L_i·c_i + β_i as one
/// MatMul batched over the features ([m×N×k] by L stored transposed [m×k×E]), and the output [x | e] concatenated.
/// </summary>
internal static class PeriodicEmbeddingEmitter
{
    /// <summary>x: [N×d] → [N×(d + m·E)]; returns its variable.</summary>
    public static string Emit(OnnxGraph graph, PeriodicEmbedding embedding, ReadOnlySpan<float> parameters, string x)
    {
        int m = embedding.EmbeddedFeatures.Count, k = embedding.FrequencyCount, e = embedding.EmbeddingWidth;
        long[] features = embedding.EmbeddedFeatures.Select(f => (long)f).ToArray();
        string xj = graph.Node("Gather", "Mlp.Embed.Inputs", [x, graph.Constant("Mlp.Embed.Features", features, m)], ("axis", 1L));
        string twoPiX = graph.Node("Mul", "Mlp.Embed.TwoPiX", [xj, graph.Constant("Mlp.Embed.TwoPi", 2f * MathF.PI)]);
        string column = graph.Node("Reshape", "Mlp.Embed.Column", [twoPiX, graph.Constant("Mlp.Embed.ColumnShape", new long[] { -1, m, 1 }, 3)]);
        string w = graph.Constant("Mlp.Embed.Frequencies", embedding.Frequencies.Of(parameters).ToArray(), m, k);
        string b = graph.Constant("Mlp.Embed.Phases", embedding.Phases.Of(parameters).ToArray(), m, k);
        string angle = graph.Node("Add", "Mlp.Embed.Angle", [graph.Node("Mul", "Mlp.Embed.Wx", [column, w]), b]);
        string cosines = graph.Node("Cos", "Mlp.Embed.Cos", [angle]);                                   // [N×m×k]
        string byFeature = graph.Node("Transpose", "Mlp.Embed.ByFeature", [cosines], ("perm", new long[] { 1, 0, 2 }));
        string mapT = graph.Constant("Mlp.Embed.MapT", Transposed(embedding.Map.Of(parameters), m, e, k), m, k, e);
        string mapped = graph.Node("MatMul", "Mlp.Embed.Map", [byFeature, mapT]);                       // [m×N×E]
        string byRow = graph.Node("Transpose", "Mlp.Embed.ByRow", [mapped], ("perm", new long[] { 1, 0, 2 }));
        string shifted = graph.Node("Add", "Mlp.Embed.Values", [byRow, graph.Constant("Mlp.Embed.MapBias", embedding.MapBias.Of(parameters).ToArray(), m, e)]);
        string flat = graph.Node("Reshape", "Mlp.Embed.Flat", [shifted, graph.Constant("Mlp.Embed.FlatShape", new long[] { -1, (long)m * e }, 2)]);
        return graph.Node("Concat", "Mlp.Embed", [x, flat], ("axis", 1L));
    }

    // L [m×E×k] → Lᵀ per feature, [m×k×E].
    private static float[] Transposed(ReadOnlySpan<float> map, int m, int e, int k)
    {
        var t = new float[map.Length];
        for (int i = 0; i < m; i++)
            for (int o = 0; o < e; o++)
                for (int f = 0; f < k; f++) t[(i * k + f) * e + o] = map[(i * e + o) * k + f];
        return t;
    }
}
