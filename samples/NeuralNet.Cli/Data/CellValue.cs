using System.Globalization;

namespace NeuralNet.Cli.Data;

/// <summary>What one CSV cell holds, as a feature value.</summary>
internal enum CellKind
{
    /// <summary>A number a 32-bit float holds.</summary>
    Number,
    /// <summary>Empty, <c>?</c>, <c>NA</c> or <c>NaN</c>.</summary>
    Missing,
    /// <summary><c>inf</c>, <c>-inf</c>, <c>Infinity</c>, <c>∞</c>, or a number beyond a 32-bit float's range (e.g. <c>1e40</c>).</summary>
    NonFinite,
    /// <summary>Anything else.</summary>
    Text,
}

/// <summary>
/// Classifies cells the one way the scan, the label classes and the reports all use. Infinities are numbers (a column
/// holding them stays numeric); what becomes of them is the featurizer's policy (<see cref="DataCleaning"/>).
/// </summary>
internal static class CellValue
{
    public static bool IsMissing(string value) =>
        value.Length == 0 || value == "?" || value.Equals("NA", StringComparison.OrdinalIgnoreCase) || value.Equals("NaN", StringComparison.OrdinalIgnoreCase);

    public static CellKind Classify(string value)
    {
        if (IsMissing(value)) return CellKind.Missing;
        if (!TryParse(value, out double number)) return CellKind.Text;
        return double.IsFinite(number) && Math.Abs(number) <= float.MaxValue ? CellKind.Number : CellKind.NonFinite;
    }

    /// <summary>Parses a number as .NET does (invariant culture) and also <c>inf</c>, <c>+inf</c>, <c>-inf</c>, <c>infinity</c> in any case.</summary>
    public static bool TryParse(string value, out double number)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return true;
        string unsigned = value.TrimStart('+', '-');
        if (value.Length - unsigned.Length <= 1
            && (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase)))
        {
            number = value.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>A numeric label's class name: the shortest text that reads back as the same number, so "1" and "1.0" are one class.</summary>
    public static string CanonicalNumber(string value) =>
        TryParse(value, out double number) ? number.ToString("R", CultureInfo.InvariantCulture) : value;
}
