using NeuralNet.MLExtensions.Engine.Modules;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// Piecewise-linear encodings (<see cref="PiecewiseLinearEmbedding"/>) as standard operators, in the engine's float
/// order: each encoded column's input gathered, (x − left)·(1/width), clipped below by Max and above by Min (−∞ and +∞
/// where a bin is open), centred and scaled, and the output [x | encoded] concatenated.
/// </summary>
internal static class PiecewiseLinearEmitter
{
    /// <summary>x: [N×d] → [N×(d + C)]; returns its variable.</summary>
    public static string Emit(OnnxGraph graph, PiecewiseLinearEmbedding encoding, string x)
    {
        var bins = encoding.Bins;
        int c = bins.ColumnCount;
        long[] features = bins.ColumnFeature.ToArray().Select(f => (long)f).ToArray();
        string xj = graph.Node("Gather", "Mlp.Bins.Inputs", [x, graph.Constant("Mlp.Bins.Features", features, c)], ("axis", 1L));
        string shifted = graph.Node("Sub", "Mlp.Bins.Shifted", [xj, graph.Constant("Mlp.Bins.Left", bins.ColumnLeft.ToArray(), c)]);
        string through = graph.Node("Mul", "Mlp.Bins.Through", [shifted, graph.Constant("Mlp.Bins.InverseWidth", bins.ColumnInverseWidth.ToArray(), c)]);
        string low = graph.Node("Max", "Mlp.Bins.Low", [through, graph.Constant("Mlp.Bins.LowBound", bins.ColumnLow.ToArray(), c)]);
        string clipped = graph.Node("Min", "Mlp.Bins.Clipped", [low, graph.Constant("Mlp.Bins.HighBound", bins.ColumnHigh.ToArray(), c)]);
        string centred = graph.Node("Sub", "Mlp.Bins.Centred", [clipped, graph.Constant("Mlp.Bins.Means", bins.ColumnMeans.ToArray(), c)]);
        string scaled = graph.Node("Mul", "Mlp.Bins.Scaled", [centred, graph.Constant("Mlp.Bins.Scales", bins.ColumnScales.ToArray(), c)]);
        return graph.Node("Concat", "Mlp.Bins", [x, scaled], ("axis", 1L));
    }
}
