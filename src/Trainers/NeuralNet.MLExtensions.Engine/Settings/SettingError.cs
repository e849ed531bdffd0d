namespace NeuralNet.MLExtensions.Engine.Settings;

/// <summary>
/// One broken rule of <see cref="MlpTrainingSettings"/>: the setting (a property name), the value received, and the
/// message, which names settings as "MlpTrainingSettings.Name" so that a front end can put its own option names in
/// their place (the ML.NET trainer does). <see cref="IsMissing"/> is a null where a value is needed.
/// </summary>
internal sealed record SettingError(string Setting, object? Value, string Message, bool IsMissing = false)
{
    /// <summary>The prefix that marks a setting's name in <see cref="Message"/>.</summary>
    public const string Prefix = nameof(MlpTrainingSettings) + ".";

    /// <summary>The exception the engine throws for it; ParamName is the setting.</summary>
    public ArgumentException ToException() =>
        IsMissing ? new ArgumentNullException(Setting, Message) : new ArgumentOutOfRangeException(Setting, Value, Message);
}
