using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>The options the three catalogs' simple <c>Mlp(...)</c> overloads build: the common settings given, the rest from the preset.</summary>
internal static class MlpCatalogOptions
{
    public static TOptions Simple<TOptions>(string labelColumnName, string featureColumnName, string? exampleWeightColumnName,
        int[]? hiddenLayerSizes, int? maximumNumberOfEpochs, int? batchSize, float? learningRate)
        where TOptions : MlpOptionsBase, new()
    {
        // Only the values given are set: the rest follow the preset (MlpOptionsBase.Preset).
        var options = new TOptions { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, ExampleWeightColumnName = exampleWeightColumnName };
        if (hiddenLayerSizes is not null) options.HiddenLayerSizes = hiddenLayerSizes;
        if (maximumNumberOfEpochs is int epochs) options.MaximumNumberOfEpochs = epochs;
        if (batchSize is int batch) options.BatchSize = batch;
        if (learningRate is float rate) options.LearningRate = rate;
        return options;
    }
}
