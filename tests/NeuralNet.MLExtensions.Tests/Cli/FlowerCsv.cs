using System.Globalization;

namespace NeuralNet.MLExtensions.Tests.Cli;

/// <summary>
/// Small CSVs for the command-line tests: iris with the species as text, a text feature ("colour") and a few missing
/// numbers, written to a temporary folder.
/// </summary>
internal static class FlowerCsv
{
    private static readonly string[] Species = ["setosa", "versicolor", "virginica"];
    private static readonly string[] Colours = ["red", "green", "blue"];

    public static void Write(string path, string source, bool withLabel = true)
    {
        var t = TabularData.Load(source);
        var lines = new List<string> { "sepal_length,sepal_width,petal_length,petal_width,colour" + (withLabel ? ",species" : "") };
        for (int r = 0; r < t.Rows; r++)
        {
            var cells = Enumerable.Range(0, 4).Select(f => r % 17 == 3 && f == 1 ? "" : t.Features[r * 4 + f].ToString(CultureInfo.InvariantCulture)).ToList();
            cells.Add(Colours[(r + t.Labels[r]) % 3]);
            if (withLabel) cells.Add(Species[t.Labels[r]]);
            lines.Add(string.Join(",", cells));
        }
        File.WriteAllLines(path, lines);
    }
}
