using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// What our emitters write an ONNX graph with: the columns' variables, constants, and standard ONNX operators
/// (default domain), over ML.NET's internal <c>OnnxContext</c> (reached through <see cref="MlNetInternals"/>).
/// Intermediate values are named "<see cref="Prefix"/>…" so they cannot shadow a user's column.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The prefix of every intermediate name this library adds.</summary>
    public const string Prefix = "NeuralNet.";

    private readonly object _context;

    public OnnxGraph(object context)
    {
        if (!MlNetInternals.IsOnnxContext(context))
            throw new ArgumentException($"Expected ML.NET's OnnxContext; got {context?.GetType().FullName ?? "null"}.", nameof(context));
        _context = context;
    }

    /// <summary>The variable holding column <paramref name="name"/>; throws naming the column when the graph has none.</summary>
    public string Column(string name)
    {
        if (!MlNetInternals.OnnxContainsColumn(_context, name))
            throw new NotSupportedException(
                $"The pipeline cannot be exported to ONNX: column '{name}' is not computed by any exported step and is not an input of the data the pipeline was applied to.");
        return MlNetInternals.OnnxVariableName(_context, name);
    }

    /// <summary>A constant tensor of <paramref name="dims"/> (row-major values); float, double or long.</summary>
    public string Constant(string name, Array values, params long[] dims) =>
        MlNetInternals.OnnxAddInitializer(_context, values, dims, Prefix + name);

    /// <summary>A scalar float constant (shape [1], broadcasting).</summary>
    public string Constant(string name, float value) => Constant(name, new[] { value }, 1);

    /// <summary>
    /// A node <paramref name="op"/>(<paramref name="inputs"/>) whose output is a new intermediate value named after
    /// <paramref name="name"/>; attributes are (name, long | long[] | double | Type) pairs. Returns the output's variable.
    /// </summary>
    public string Node(string op, string name, string[] inputs, params (string Name, object Value)[] attributes)
    {
        string output = MlNetInternals.OnnxAddVariable(_context, type: null, Prefix + name);
        NodeInto(op, inputs, output, attributes);
        return output;
    }

    /// <summary>A node whose output is <paramref name="output"/> (a column's variable from <see cref="DeclareColumn"/>).</summary>
    public void NodeInto(string op, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        object node = MlNetInternals.OnnxCreateNode(_context, op, inputs, [output], MlNetInternals.OnnxNodeName(_context, Prefix + op));
        foreach (var (name, value) in attributes) MlNetInternals.OnnxAddAttribute(node, name, value);
    }

    /// <summary>
    /// Declares the output column <paramref name="name"/> of <paramref name="type"/>: later steps reading that column
    /// read this variable. Returns the variable, which one node must then write (<see cref="NodeInto"/>).
    /// </summary>
    public string DeclareColumn(string name, DataViewType type) => MlNetInternals.OnnxAddVariable(_context, type, name);
}
