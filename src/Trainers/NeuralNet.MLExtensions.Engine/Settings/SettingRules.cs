using System.Globalization;

namespace NeuralNet.MLExtensions.Engine.Settings;

/// <summary>
/// The rules settings follow, each giving null when the value keeps it or a <see cref="SettingError"/> that names the
/// setting, the rule and the value ("MlpTrainingSettings.BatchSize must be at least 1; got 0."). Chained with ??, the
/// first broken rule wins.
/// </summary>
internal static class SettingRules
{
    /// <summary>"MlpTrainingSettings.{setting} {rule}", numbers in the invariant culture.</summary>
    public static SettingError Fail(string setting, object? value, FormattableString rule) =>
        new(setting, value, $"{SettingError.Prefix}{setting} {rule.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>"MlpTrainingSettings.{setting}[{index}] {rule}", for one item of a list.</summary>
    public static SettingError FailAt(string setting, int index, object? value, FormattableString rule) =>
        new(setting, value, $"{SettingError.Prefix}{setting}[{index}] {rule.ToString(CultureInfo.InvariantCulture)}");

    public static SettingError Missing(string setting, FormattableString rule) =>
        new(setting, null, $"{SettingError.Prefix}{setting} {rule.ToString(CultureInfo.InvariantCulture)}", IsMissing: true);

    public static SettingError? Positive(string setting, float value) =>
        value > 0f && float.IsFinite(value) ? null : Fail(setting, value, $"must be a positive finite number; got {value}.");

    public static SettingError? NonNegative(string setting, float value) =>
        value >= 0f && float.IsFinite(value) ? null : Fail(setting, value, $"must be zero or a positive finite number; got {value}.");

    /// <summary>[0, 1).</summary>
    public static SettingError? UnitInterval(string setting, float value) =>
        value >= 0f && value < 1f ? null : Fail(setting, value, $"must be in [0, 1); got {value}.");

    /// <summary>(0, 1]: a factor that shrinks or keeps.</summary>
    public static SettingError? Factor(string setting, float value) =>
        value > 0f && value <= 1f ? null : Fail(setting, value, $"must be in (0, 1]; got {value}.");

    /// <summary>(0, 1): a factor that shrinks.</summary>
    public static SettingError? Shrinking(string setting, float value) =>
        value > 0f && value < 1f ? null : Fail(setting, value, $"must be in (0, 1); got {value}.");

    public static SettingError? AtLeast(string setting, int value, int minimum) =>
        value >= minimum ? null
        : minimum == 0 ? Fail(setting, value, $"must be 0 or more; got {value}.")
        : Fail(setting, value, $"must be at least {minimum}; got {value}.");

    public static SettingError? Defined<T>(string setting, T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? null
        : Fail(setting, value, $"must be one of {string.Join(", ", Enum.GetNames<T>())}; got {Convert.ToInt64(value, CultureInfo.InvariantCulture)}.");

    /// <summary>The first error of <paramref name="check"/> over the items, with their index.</summary>
    public static SettingError? Each<T>(IReadOnlyList<T> items, Func<T, int, SettingError?> check)
    {
        for (int i = 0; i < items.Count; i++)
            if (check(items[i], i) is { } error) return error;
        return null;
    }

    /// <summary>A count in the messages: invariant digits with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
