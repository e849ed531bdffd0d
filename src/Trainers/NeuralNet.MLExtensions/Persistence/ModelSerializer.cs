namespace NeuralNet.MLExtensions.Persistence;

/// <summary>Saves and loads <see cref="SavedModel"/>s in our framed format (<see cref="ModelEnvelope"/> + <see cref="ModelPayload"/>).</summary>
internal static class ModelSerializer
{
    /// <summary>Writes one model; nothing is written when it exceeds a limit of <see cref="ModelLimits"/>.</summary>
    /// <exception cref="NotSupportedException">The model exceeds a limit of the format; the message says which and what to do.</exception>
    public static void Write(Stream stream, SavedModel model)
    {
        ModelLimits.CheckSavable(model);
        var payload = ModelPayload.Write(model);
        ModelLimits.CheckPayload(payload.Length);
        ModelEnvelope.Write(stream, payload);
    }

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
