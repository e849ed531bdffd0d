using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Transforms;

// In ML.NET's namespace, as ML.NET's own transform packages do, so the catalog method needs no extra using.
namespace Microsoft.ML;

/// <summary>The hidden-layer transform on <c>mlContext.Transforms</c>.</summary>
public static class MlpHiddenLayerCatalog
{
    /// <summary>
    /// Outputs the activations of hidden layer <paramref name="layerIndex"/> (0 = the first) of a trained MLP as a
    /// known-size vector of Single in <paramref name="outputColumnName"/>, computed from the raw features in
    /// <paramref name="inputColumnName"/> (standardised as in training). Feed it to another trainer, to clustering,
    /// or plot a 2-unit bottleneck.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="model">The trained model, e.g. <c>((MlpPredictionTransformer)t).Model</c>.</param>
    /// <param name="layerIndex">0-based hidden layer.</param>
    /// <param name="outputColumnName">Name of the new column.</param>
    /// <param name="inputColumnName">Features column, of the size the model was trained on; default "Features".</param>
    /// <exception cref="ArgumentOutOfRangeException">The layer index is out of range, or the model has no hidden layer.</exception>
    public static MlpHiddenLayerEstimator MlpHiddenLayer(this TransformsCatalog catalog, MlpModelParameters model, int layerIndex,
        string outputColumnName, string inputColumnName = "Features")
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpHiddenLayerEstimator(model, layerIndex, outputColumnName, inputColumnName);
    }
}
