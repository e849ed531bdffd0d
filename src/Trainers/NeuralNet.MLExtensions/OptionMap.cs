using System.Reflection;
using System.Text.RegularExpressions;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Settings;

namespace NeuralNet.MLExtensions;

/// <summary>
/// The one place where the trainers' options (<see cref="MlpOptionsBase"/> and its task options) meet the engine's <see cref="MlpTrainingSettings"/>:
/// a table pairing each option with its engine setting, used both to build the settings and to put the option names
/// into the engine's messages. An option pairs with the setting of the same name unless <see cref="Renamed"/> says
/// otherwise, so a new option needs no line here: only its default (<see cref="MlpDefaults"/>), its engine setting and
/// rule (<see cref="MlpTrainingSettings"/>) and its documented property (<see cref="MlpOptionsBase"/>, or a trainer's own
/// Options for an option of one task, such as <see cref="MlpRegressionTrainer.Options.HuberDelta"/>).
/// </summary>
internal static class OptionMap
{
    /// <summary>Options of the trainer alone, with no engine setting: the columns, the invalid-row policy, the progress sink, how the data is read.</summary>
    internal static readonly string[] TrainerOnly =
    [
        nameof(MlpOptionsBase.LabelColumnName), nameof(MlpOptionsBase.FeatureColumnName), nameof(MlpOptionsBase.ExampleWeightColumnName),
        nameof(MlpOptionsBase.SkipInvalidRows), nameof(MlpOptionsBase.Progress), nameof(MlpOptionsBase.Preset),
        nameof(MlpOptionsBase.DataPath), nameof(MlpOptionsBase.MaximumInMemoryBytes), nameof(MlpOptionsBase.ShuffleStreamedReads),
    ];

    /// <summary>
    /// Settings the trainer fills itself rather than copying an option: the seed (a null option takes one from the
    /// MLContext), the per-epoch callback (wrapped with the log line and Progress), the MLContext's cancellation flag and
    /// the task (the trainer's catalog chooses it).
    /// </summary>
    internal static readonly string[] SetByTrainer =
        [nameof(MlpTrainingSettings.Seed), nameof(MlpTrainingSettings.EpochCompleted), nameof(MlpTrainingSettings.IsCancellationRequested), nameof(MlpTrainingSettings.Task)];

    /// <summary>The options types: the shared base, then each trainer's own Options (their options of one task).</summary>
    private static readonly Type[] OptionTypes = [typeof(MlpOptionsBase), typeof(MlpTrainer.Options), typeof(MlpBinaryTrainer.Options), typeof(MlpRegressionTrainer.Options)];

    /// <summary>(option, engine setting) pairs whose names differ; none today.</summary>
    private static readonly (string Option, string Setting)[] Renamed = [];

    private static readonly Regex SettingName = new(Regex.Escape(SettingError.Prefix) + @"(\w+)", RegexOptions.CultureInvariant);

    /// <summary>Every option that is an engine setting, with that setting.</summary>
    internal static IReadOnlyList<(PropertyInfo Option, PropertyInfo Setting)> Pairs { get; } = Pair();

    private static readonly Dictionary<string, string> OptionOfSetting = Pairs.ToDictionary(p => p.Setting.Name, p => p.Option.Name);

    private static readonly (PropertyInfo Option, PropertyInfo Setting)[] Copied =
        Pairs.Where(p => !SetByTrainer.Contains(p.Setting.Name)).ToArray();

    /// <summary>
    /// The engine settings for <paramref name="options"/>. A null in a nullable option (<c>L2Regularization</c>,
    /// <c>NumberOfThreads</c>) leaves the engine's default, which is what the option's documentation promises.
    /// </summary>
    internal static MlpTrainingSettings ToSettings(MlpOptionsBase options, int seed, Action<EpochReport>? epochCompleted, Func<bool>? isCancellationRequested)
    {
        var settings = new MlpTrainingSettings { Task = options.Task, Seed = seed, EpochCompleted = epochCompleted, IsCancellationRequested = isCancellationRequested };
        foreach (var (option, setting) in Copied)
        {
            if (!option.DeclaringType!.IsInstanceOfType(options)) continue;
            object? value = option.GetValue(options);
            if (value is null && Nullable.GetUnderlyingType(option.PropertyType) is not null) continue;
            // Reflection may call an init accessor; the settings object is not shared until it is returned.
            setting.SetValue(settings, value);
        }
        return settings;
    }

    /// <summary>Throws the option's exception for <paramref name="error"/>, if there is one.</summary>
    internal static void ThrowIfInvalid(SettingError? error)
    {
        if (error is not null) throw ToOptionException(error);
    }

    /// <summary>
    /// The engine's error in the trainer's words: ParamName is the option, and every "MlpTrainingSettings.Name" in the
    /// message becomes the option's name ("HiddenLayerSizes[1] must be positive; got 0."). Errors about the data
    /// (feature or class counts) keep their names.
    /// </summary>
    internal static ArgumentException ToOptionException(SettingError error)
    {
        string message = SettingName.Replace(error.Message, m => OptionName(m.Groups[1].Value));
        string option = OptionName(error.Setting);
        return error.IsMissing ? new ArgumentNullException(option, message) : new ArgumentOutOfRangeException(option, error.Value, message);
    }

    /// <summary>The option that sets engine setting <paramref name="setting"/> (the setting's own name if none does).</summary>
    internal static string OptionName(string setting) => OptionOfSetting.GetValueOrDefault(setting, setting);

    /// <summary>Gives <paramref name="copy"/> (a memberwise clone) its own copy of every array option.</summary>
    internal static MlpOptionsBase CopyArrays(MlpOptionsBase copy)
    {
        foreach (var property in copy.GetType().GetProperties())
            if (property.PropertyType.IsArray && property.GetValue(copy) is Array array)
                property.SetValue(copy, array.Clone());
        return copy;
    }

    private static List<(PropertyInfo Option, PropertyInfo Setting)> Pair()
    {
        var pairs = new List<(PropertyInfo, PropertyInfo)>();
        foreach (var option in OptionTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            if (TrainerOnly.Contains(option.Name)) continue;
            string name = Renamed.FirstOrDefault(r => r.Option == option.Name).Setting ?? option.Name;
            var setting = typeof(MlpTrainingSettings).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"MlpTrainer.Options.{option.Name} has no MlpTrainingSettings.{name}: add the setting, a Renamed pair, or list the option in TrainerOnly.");
            pairs.Add((option, setting));
        }
        return pairs;
    }
}
