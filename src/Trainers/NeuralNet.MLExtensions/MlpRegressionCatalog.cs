using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Engine;

// In ML.NET's namespace, as ML.NET's own trainer packages do, so the catalog method needs no extra using.
namespace Microsoft.ML;

/// <summary>The MLP trainer on <c>mlContext.Regression.Trainers</c>.</summary>
public static class MlpRegressionCatalog
{
    /// <summary>
    /// A multilayer-perceptron trainer with the most common settings; the rest take their defaults
    /// (see <see cref="MlpRegressionTrainer.Options"/>). The seed comes from the MLContext.
    /// </summary>
    /// <param name="catalog">The trainers catalog.</param>
    /// <param name="labelColumnName">Single label column (the target).</param>
    /// <param name="featureColumnName">Known-size vector of Single.</param>
    /// <param name="exampleWeightColumnName">Optional Single weight column.</param>
    /// <param name="hiddenLayerSizes">Hidden layer widths; null for the preset's (Tabular), empty for none.</param>
    /// <param name="maximumNumberOfEpochs">Maximum passes over the data; null for the preset's (Tabular).</param>
    /// <param name="batchSize">Rows per mini-batch; null for the preset's (Tabular).</param>
    /// <param name="learningRate">Adam's step size; null for the preset's (Tabular).</param>
    public static MlpRegressionTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        string? exampleWeightColumnName = null,
        int[]? hiddenLayerSizes = null,
        int? maximumNumberOfEpochs = null,
        int? batchSize = null,
        float? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpRegressionTrainer(MlNetInternals.EnvironmentOf(catalog), MlpCatalogOptions.Simple<MlpRegressionTrainer.Options>(
            labelColumnName, featureColumnName, exampleWeightColumnName, hiddenLayerSizes, maximumNumberOfEpochs, batchSize, learningRate));
    }

    /// <summary>A multilayer-perceptron trainer with every option given.</summary>
    public static MlpRegressionTrainer Mlp(this RegressionCatalog.RegressionTrainers catalog, MlpRegressionTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpRegressionTrainer(MlNetInternals.EnvironmentOf(catalog), options);
    }
}
