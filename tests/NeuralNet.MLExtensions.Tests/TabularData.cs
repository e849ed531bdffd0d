using System.Globalization;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Tests;

/// <summary>The embedded CSV data sets (features first, 0-based class index in the last column) as plain arrays.</summary>
internal sealed record TabularData(float[] Features, int[] Labels, int FeatureCount, int ClassCount)
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "data", "tabular", file);

    public static TabularData Load(string file)
    {
        var lines = File.ReadAllLines(PathOf(file)).Skip(1).Where(l => l.Length > 0).ToArray();
        int d = lines[0].Split(',').Length - 1;
        var x = new float[lines.Length * d];
        var y = new int[lines.Length];
        for (int r = 0; r < lines.Length; r++)
        {
            var cells = lines[r].Split(',');
            for (int f = 0; f < d; f++) x[r * d + f] = float.Parse(cells[f], CultureInfo.InvariantCulture);
            y[r] = (int)float.Parse(cells[d], CultureInfo.InvariantCulture);
        }
        return new TabularData(x, y, d, y.Max() + 1);
    }

    public int Rows => Labels.Length;

    public static double Accuracy(MlpTrainingResult result, TabularData test)
    {
        int correct = 0;
        var row = new float[test.FeatureCount];
        var p = new float[result.Network.Architecture.ClassCount];
        for (int r = 0; r < test.Rows; r++)
        {
            test.Features.AsSpan(r * test.FeatureCount, test.FeatureCount).CopyTo(row);
            result.Standardizer?.Apply(row, row);
            result.Network.Predict(row, p);
            int best = 0;
            for (int c = 1; c < p.Length; c++) if (p[c] > p[best]) best = c;
            if (best == test.Labels[r]) correct++;
        }
        return (double)correct / test.Rows;
    }
}
