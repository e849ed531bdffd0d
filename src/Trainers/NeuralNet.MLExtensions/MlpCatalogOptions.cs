using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>The options the three catalogs' simple <c>Mlp(...)</c> overloads build: the common settings, the rest at their defaults.</summary>
internal static class MlpCatalogOptions
{
    public static TOptions Simple<TOptions>(string labelColumnName, string featureColumnName, string? exampleWeightColumnName,
        int[]? hiddenLayerSizes, int maximumNumberOfEpochs, int batchSize, float learningRate)
        where TOptions : MlpOptionsBase, new() => new()
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            ExampleWeightColumnName = exampleWeightColumnName,
            HiddenLayerSizes = hiddenLayerSizes ?? MlpDefaults.HiddenLayerSizes.ToArray(),
            MaximumNumberOfEpochs = maximumNumberOfEpochs,
            BatchSize = batchSize,
            LearningRate = learningRate,
        };
}
