namespace NeuralNet.MLExtensions.Persistence;

/// <summary>Saves and loads <see cref="SavedModel"/>s in our framed format (<see cref="ModelEnvelope"/> + <see cref="ModelPayload"/>).</summary>
internal static class ModelSerializer
{
    public static void Write(Stream stream, SavedModel model) => ModelEnvelope.Write(stream, ModelPayload.Write(model));

    /// <summary>Reads one model; any defect gives an <see cref="InvalidDataException"/> that says what is wrong.</summary>
    public static SavedModel Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (version, payload) = ModelEnvelope.Read(stream);
        try
        {
            return ModelPayload.Read(payload, version);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            // The payload checks above should catch every defect first; this keeps the promise of one exception type.
            throw new InvalidDataException($"MLP model is corrupt: {e.Message}", e);
        }
    }
}
