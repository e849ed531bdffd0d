using System.Text;
using Microsoft.ML;
using Microsoft.ML.Runtime;

// ML.NET finds the loader through the attribute the build adds for this declaration (see build/Weaving.targets).
[assembly: System.Runtime.CompilerServices.IgnoresAccessChecksTo("Microsoft.ML.Core")]
[assembly: NeuralNet.MLExtensions.MlNetLoadableClass(
    typeof(NeuralNet.MLExtensions.Transforms.MlpHiddenLayerTransformer), typeof(NeuralNet.MLExtensions.Transforms.HiddenLayerLoader),
    NeuralNet.MLExtensions.Transforms.HiddenLayerLoader.LoaderSignature, "MLP hidden layer transform")]

namespace NeuralNet.MLExtensions.Transforms;

/// <summary>
/// Saves the hidden-layer transform into ML.NET model files and loads it back. Our bytes: a format version byte,
/// the input and output column names, the layer index, then the model in the library's model format
/// (<see cref="MlpModelParameters.Save(Stream)"/>, with its own checks and checksum).
/// </summary>
internal static class HiddenLayerLoader
{
    public const string LoaderSignature = "MlpHiddenLayer";
    private const byte FormatVersion = 1;

    internal static MlNetInternals.ModelVersion Version { get; } =
        new("MLPHIDDN", 0x00010001, LoaderSignature, typeof(HiddenLayerLoader).Assembly);

    public static void Save(MlpHiddenLayerTransformer transformer, ModelSaveContext context) =>
        MlNetInternals.SaveModel(context, Version, writer =>
        {
            writer.Write(FormatVersion);
            Persistence.KeyValueCodec.WriteString(writer, transformer.InputColumnName);
            Persistence.KeyValueCodec.WriteString(writer, transformer.OutputColumnName);
            writer.Write(transformer.LayerIndex);
            writer.Flush();
            transformer.Model.Save(writer.BaseStream);
        });

    /// <summary>Called by ML.NET's model loader (the second argument is its internal ModelLoadContext).</summary>
    public static MlpHiddenLayerTransformer Create(IHostEnvironment env, object ctx)
    {
        ArgumentNullException.ThrowIfNull(env);
        var reader = MlNetInternals.OpenModel(ctx, Version);
        byte version = reader.ReadByte();
        if (version != FormatVersion)
            throw new InvalidDataException($"Unsupported MLP hidden-layer transform format version {version}: this library reads version {FormatVersion}.");
        string input = ReadName(reader, "input column name");
        string output = ReadName(reader, "output column name");
        int layer;
        try
        {
            layer = reader.ReadInt32();
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("MLP hidden-layer transform is truncated: the layer index is missing.");
        }
        var model = MlpModelParameters.Load(reader.BaseStream);
        try
        {
            return new MlpHiddenLayerTransformer(model, layer, output, input);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"MLP hidden-layer transform is corrupt: {e.Message}", e);
        }
    }

    private static string ReadName(BinaryReader reader, string field) =>
        Persistence.KeyValueCodec.ReadString(reader, "MLP hidden-layer transform", field);
}
