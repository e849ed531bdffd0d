using Microsoft.ML.Runtime;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// Saves <see cref="MlpPredictionTransformer"/> into ML.NET model files and loads it back: ML.NET's loader finds
/// <see cref="Create"/> through the LoadableClass attribute the build adds for
/// <see cref="LoaderSignature"/>. Inside ML.NET's frame the bytes are our own format (<see cref="ModelSerializer"/>).
/// </summary>
internal static class MlpTransformerLoader
{
    public const string LoaderSignature = "MlpPredictor";

    internal static MlNetInternals.ModelVersion Version { get; } =
        new("MLPPREDT", 0x00010001, LoaderSignature, typeof(MlpTransformerLoader).Assembly);

    public static void Save(MlpPredictionTransformer transformer, Microsoft.ML.ModelSaveContext context) =>
        MlNetInternals.SaveModel(context, Version, writer =>
        {
            writer.Flush();
            ModelSerializer.Write(writer.BaseStream, new SavedModel(transformer.FeatureColumnName, transformer.Model));
        });

    /// <summary>Called by ML.NET's model loader (the second argument is its internal ModelLoadContext).</summary>
    public static MlpPredictionTransformer Create(IHostEnvironment env, object ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        var reader = MlNetInternals.OpenModel(ctx, Version);
        var saved = ModelSerializer.Read(reader.BaseStream);
        if (saved.FeatureColumnName.Length == 0)
            throw new InvalidDataException("MLP model inside an ML.NET pipeline names no features column.");
        return new MlpPredictionTransformer(saved.Model, saved.FeatureColumnName);
    }
}
