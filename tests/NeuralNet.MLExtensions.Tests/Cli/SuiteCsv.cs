namespace NeuralNet.MLExtensions.Tests.Cli;

/// <summary>Slices of the tabular suite's regression sets (Fixtures/suite) and a two-class flower file, for the task tests.</summary>
internal static class SuiteCsv
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "suite", file);

    /// <summary>A copy of <paramref name="file"/> with label cells (last column) of the given data rows (0-based) replaced.</summary>
    public static string WithLabels(string file, string destination, IReadOnlyDictionary<int, string> labels)
    {
        var lines = File.ReadAllLines(PathOf(file));
        foreach (var (row, value) in labels)
        {
            var fields = lines[row + 1].Split(',');
            fields[^1] = value;
            lines[row + 1] = string.Join(",", fields);
        }
        File.WriteAllLines(destination, lines);
        return destination;
    }

    /// <summary>The flower file with the species turned into a yes/no question: is it virginica?</summary>
    public static void WriteVirginica(string path, string source, bool withLabel = true)
    {
        FlowerCsv.Write(path, source, withLabel);
        if (!withLabel) return;
        var lines = File.ReadAllLines(path);
        lines[0] = lines[0].Replace(",species", ",virginica", StringComparison.Ordinal);
        for (int i = 1; i < lines.Length; i++)
            lines[i] = lines[i][..lines[i].LastIndexOf(',')] + (lines[i].EndsWith(",virginica", StringComparison.Ordinal) ? ",yes" : ",no");
        File.WriteAllLines(path, lines);
    }
}
