using Microsoft.ML;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// How an input schema maps to an output with columns appended: every input column passes through at its own index,
/// then the <see cref="Outputs"/>, all computed by one <see cref="IBlockFunction"/> from the features column.
/// </summary>
internal sealed class AppendedColumns
{
    public AppendedColumns(DataViewSchema input, string featuresRole, string featuresColumn, IBlockFunction function, IReadOnlyList<OutputColumn> outputs)
    {
        Input = input;
        Function = function;
        Outputs = outputs;
        Features = SchemaChecks.RequireColumn(input, featuresRole, featuresColumn);
        SchemaChecks.CheckFeatureSize(Features.Name, function.InputSize, SchemaChecks.CheckFeatures(Features));
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input);
        foreach (var o in outputs) builder.AddColumn(o.Name, o.Type, o.Annotations);
        Output = builder.ToSchema();
    }

    public DataViewSchema Input { get; }
    public DataViewSchema Output { get; }
    public DataViewSchema.Column Features { get; }
    public IBlockFunction Function { get; }
    public IReadOnlyList<OutputColumn> Outputs { get; }

    /// <summary>Which appended columns are among <paramref name="columns"/>.</summary>
    public bool[] ActiveOutputs(IEnumerable<DataViewSchema.Column> columns)
    {
        var active = new bool[Outputs.Count];
        foreach (var c in columns)
            if (c.Index >= Input.Count) active[c.Index - Input.Count] = true;
        return active;
    }

    /// <summary>The input columns needed to produce <paramref name="columns"/> of the output.</summary>
    public IEnumerable<DataViewSchema.Column> InputColumnsFor(IEnumerable<DataViewSchema.Column> columns)
    {
        var needed = new SortedSet<int>();
        foreach (var c in columns) needed.Add(c.Index < Input.Count ? c.Index : Features.Index);
        return needed.Select(i => Input[i]);
    }

    /// <summary>The getter of appended column <paramref name="column"/>, reading the current row's <paramref name="values"/>.</summary>
    public ValueGetter<TValue> OutputGetter<TValue>(RowValues? values, bool[] active, DataViewSchema.Column column)
    {
        int output = column.Index - Input.Count;
        if (output >= Outputs.Count || !active[output] || values is null)
            throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor; request it when opening the cursor.");
        return Outputs[output].MakeGetter(values) as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' has type {Outputs[output].Type}; it cannot be read as {typeof(TValue).Name}.");
    }

    /// <summary>Whether appended column <paramref name="column"/> is among <paramref name="active"/>.</summary>
    public bool IsOutputActive(bool[] active, DataViewSchema.Column column) => active[column.Index - Input.Count];
}
