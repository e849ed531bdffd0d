namespace NeuralNet.MLExtensions.Onnx;

/// <summary>A transformer's part of an ONNX graph: the nodes that compute its output columns from its input columns.</summary>
internal interface IOnnxExportable
{
    /// <summary>
    /// Writes the nodes into <paramref name="graph"/>. Throws <see cref="NotSupportedException"/> naming the part that
    /// cannot be written, never leaves a graph that computes something else.
    /// </summary>
    void SaveAsOnnx(OnnxGraph graph);
}
