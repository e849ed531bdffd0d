using Microsoft.ML;

namespace NeuralNet.MLExtensions.Reports.Analysis;

/// <summary>Finds the MLP in a fitted pipeline and the steps before it (which turn raw data into its features).</summary>
internal sealed class PipelineParts
{
    private readonly IReadOnlyList<ITransformer> _before;

    private PipelineParts(MlpPredictionTransformer? mlp, IReadOnlyList<ITransformer> before)
    {
        Mlp = mlp;
        _before = before;
    }

    /// <summary>The MLP's prediction transformer, or null when the pipeline has none (e.g. a baseline alone).</summary>
    public MlpPredictionTransformer? Mlp { get; }

    public static PipelineParts Of(ITransformer model)
    {
        var steps = Flatten(model).ToList();
        int index = steps.FindIndex(t => t is MlpPredictionTransformer);
        return index < 0
            ? new PipelineParts(null, [])
            : new PipelineParts((MlpPredictionTransformer)steps[index], steps.Take(index).ToList());
    }

    /// <summary>The data as the MLP sees it: <paramref name="data"/> through every step before the MLP.</summary>
    public IDataView Featurize(IDataView data)
    {
        foreach (var step in _before) data = step.Transform(data);
        return data;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model)
    {
        if (model is IEnumerable<ITransformer> chain)
        {
            foreach (var inner in chain)
                foreach (var step in Flatten(inner)) yield return step;
        }
        else yield return model;
    }
}
