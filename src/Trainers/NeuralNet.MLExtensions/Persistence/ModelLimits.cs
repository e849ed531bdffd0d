using System.Text;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// The sizes the model format accepts, in one place: loading refuses a file beyond them (so a damaged length cannot
/// make it allocate without bound), and saving checks the same limits before writing anything, so every model that
/// saves also loads. The network's shape limits are the engine's own (<see cref="MlpLimits"/>), so whatever trains also
/// saves and loads.
/// </summary>
internal static class ModelLimits
{
    public const int MaxInputSize = MlpLimits.MaxFeatureCount;
    public const int MaxHiddenLayers = MlpLimits.MaxHiddenLayers;
    public const int MaxLayerSize = MlpLimits.MaxLayerSize;
    public const int MaxClasses = MlpLimits.MaxClassCount;
    /// <summary>The most ensemble members a saved model holds.</summary>
    public const int MaxEnsembleSize = MlpLimits.MaxEnsembleSize;
    public const int MaxHistory = 1 << 20;
    /// <summary>Largest UTF-8 text (a column name or a class value) in bytes.</summary>
    public const int MaxTextBytes = 1 << 16;
    /// <summary>Largest payload: 1 GiB (about 268 million parameters, or a third of that with Adam's checkpoint).</summary>
    public const int MaxPayloadBytes = 1 << 30;

    /// <summary>Throws unless <paramref name="saved"/> fits every limit (checked before its payload is built).</summary>
    /// <exception cref="NotSupportedException">A limit is exceeded; the message names it, the value and the fix.</exception>
    public static void CheckSavable(SavedModel saved)
    {
        var model = saved.Model;
        var a = model.Architecture;
        CheckText("the features column name", saved.FeatureColumnName, "rename the column");
        Check("InputSize (the number of features)", a.InputSize, MaxInputSize, "select or hash fewer features");
        Check("the number of hidden layers", a.HiddenLayerSizes.Count, MaxHiddenLayers, "use fewer HiddenLayerSizes");
        for (int i = 0; i < a.HiddenLayerSizes.Count; i++)
            Check($"HiddenLayerSizes[{i}]", a.HiddenLayerSizes[i], MaxLayerSize, "use fewer units in that layer");
        Check("the number of classes", a.ClassCount, MaxClasses, "group rare labels into fewer classes");
        if (model.Classes.KeyValues is { } values)
            for (int i = 0; i < values.Length; i++)
                if (values.GetValue(i) is ReadOnlyMemory<char> text)
                    CheckText($"class value {i}", text.ToString(), "shorten the label values");
        Check("the training history (epochs)", model.History.Count, MaxHistory, "train for fewer epochs");

        // Parameters and the checkpoint's optimizer buffers take 4 bytes each; the rest is small next to them.
        long floats = a.ParameterCount * (1L + (model.TrainingState?.OptimizerState.Count ?? 0));
        if (floats * 4 > MaxPayloadBytes)
            throw Refuse($"its {a.ParameterCount} parameters{(model.TrainingState is null ? "" : " and their optimizer state")} need {floats * 4} bytes",
                $"a payload of at most {MaxPayloadBytes} bytes", "use fewer or smaller hidden layers");
        var parameters = model.Network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
            if (!float.IsFinite(parameters[i]))
                throw Refuse($"parameter {i} is {parameters[i]}", "only finite parameters",
                    "retrain with a lower LearningRate or with GradientClipping");
    }

    /// <summary>Throws unless the built payload fits <see cref="MaxPayloadBytes"/>.</summary>
    public static void CheckPayload(int length)
    {
        if (length > MaxPayloadBytes)
            throw Refuse($"its payload is {length} bytes", $"a payload of at most {MaxPayloadBytes} bytes", "use fewer or smaller hidden layers");
    }

    private static void Check(string what, int value, int limit, string fix)
    {
        if (value > limit) throw Refuse($"{what} is {value}", $"at most {limit}", fix);
    }

    private static void CheckText(string what, string text, string fix)
    {
        int bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxTextBytes) throw Refuse($"{what} is {bytes} bytes in UTF-8", $"at most {MaxTextBytes} bytes", fix);
    }

    private static NotSupportedException Refuse(string value, string allowed, string fix) =>
        new($"Cannot save the MLP model: {value}; the model format allows {allowed}, so it could not be loaded again. To save it, {fix}.");
}
