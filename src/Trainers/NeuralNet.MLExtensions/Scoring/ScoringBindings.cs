using Microsoft.ML;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// How an input schema maps to the scored output: every input column passes through at its own index, followed by
/// Score and PredictedLabel, which depend on the features column only.
/// </summary>
internal sealed class ScoringBindings
{
    public ScoringBindings(DataViewSchema input, MlpPredictionTransformer transformer)
    {
        Input = input;
        Model = transformer.Model;
        Features = SchemaChecks.RequireColumn(input, "Features", transformer.FeatureColumnName);
        SchemaChecks.CheckFeatureSize(Features.Name, Model.FeatureCount, SchemaChecks.CheckFeatures(Features));
        Output = ScoreSchema.Append(input, Model.Classes);
    }

    public DataViewSchema Input { get; }
    public DataViewSchema Output { get; }
    public MlpModelParameters Model { get; }
    public DataViewSchema.Column Features { get; }
    public int ScoreIndex => Input.Count;
    public int PredictedLabelIndex => Input.Count + 1;

    /// <summary>Which of Score and PredictedLabel are among <paramref name="columns"/>.</summary>
    public bool[] ActiveOutputs(IEnumerable<DataViewSchema.Column> columns)
    {
        var active = new bool[2];
        foreach (var c in columns)
            if (c.Index >= Input.Count) active[c.Index - Input.Count] = true;
        return active;
    }

    /// <summary>The input columns needed to produce <paramref name="columns"/> of the output.</summary>
    public IEnumerable<DataViewSchema.Column> InputColumnsFor(IEnumerable<DataViewSchema.Column> columns)
    {
        var needed = new HashSet<int>();
        foreach (var c in columns)
            needed.Add(c.Index < Input.Count ? c.Index : Features.Index);
        return needed.OrderBy(i => i).Select(i => Input[i]);
    }
}
