namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// Prints the measurements as Markdown tables: per set the mean over seeds of each trainer's test accuracy and
/// log-loss (or RMSE) and its median Fit time, our difference to LightGbm, then the means over the suite's sets, the
/// worst set and the total Fit time: the figures the quality issue is judged by.
/// </summary>
internal static class QualityReport
{
    private const string Ours = "Mlp", Reference = "LightGbm";

    public static void Print(TextWriter o, IReadOnlyList<Measurement> results, IReadOnlyList<(string Name, string Group)> sets, IReadOnlyList<string> systems)
    {
        var classification = sets.Where(s => results.Any(r => r.Set == s.Name && r.Task == TaskKind.Classification)).ToList();
        var regression = sets.Where(s => results.Any(r => r.Set == s.Name && r.Task == TaskKind.Regression)).ToList();
        bool compare = systems.Contains(Ours) && systems.Contains(Reference);
        if (classification.Count > 0)
        {
            o.WriteLine("\n## Classification: test accuracy / log-loss (mean over seeds), Fit seconds (median)\n");
            o.WriteLine("| set | " + string.Join(" | ", systems) + (compare ? $" | {Ours} − {Reference} (points) |" : " |"));
            o.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", systems.Count + (compare ? 1 : 0))));
            foreach (var (name, _) in classification)
            {
                var cells = systems.Select(s => Cell(results, name, s, r => $"{r.Accuracy:F3} / {r.LogLoss:F3} ({Median(results, name, s):F2} s)"));
                o.WriteLine($"| {name} | {string.Join(" | ", cells)}" + (compare ? $" | {Signed(100 * (Mean(results, name, Ours, r => r.Accuracy) - Mean(results, name, Reference, r => r.Accuracy)))} |" : " |"));
            }
            Summary(o, results, classification.Where(s => s.Group == "suite").Select(s => s.Name).ToList(), systems, compare);
        }
        if (regression.Count > 0)
        {
            systems = systems.Where(s => results.Any(r => r.Task == TaskKind.Regression && r.System == s)).ToList();
            compare = systems.Contains(Ours) && systems.Contains(Reference);
            o.WriteLine("\n## Regression: test RMSE (mean over seeds), Fit seconds (median)\n");
            o.WriteLine("| set | " + string.Join(" | ", systems) + " |");
            o.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", systems.Count)));
            foreach (var (name, _) in regression)
                o.WriteLine($"| {name} | {string.Join(" | ", systems.Select(s => Cell(results, name, s, r => $"{r.Rmse:G5} ({Median(results, name, s):F2} s)")))} |");
            if (compare && regression.All(s => results.Any(r => r.Set == s.Name && r.System == Ours)))
            {
                var ratios = regression.Select(s => Mean(results, s.Name, Ours, r => r.Rmse) / Mean(results, s.Name, Reference, r => r.Rmse)).ToList();
                o.WriteLine($"\nRMSE relative to {Reference}: mean {ratios.Average():F3}, worst {ratios.Max():F3}.");
            }
        }
    }

    private static void Summary(TextWriter o, IReadOnlyList<Measurement> results, List<string> suite, IReadOnlyList<string> systems, bool compare)
    {
        if (suite.Count == 0) return;
        o.WriteLine($"\nOver the suite's {suite.Count} classification sets:\n");
        o.WriteLine("| trainer | mean accuracy | mean log-loss | total Fit seconds (sum of medians) | slowest Fit (median) |");
        o.WriteLine("|---|---|---|---|---|");
        foreach (var s in systems)
        {
            if (!suite.All(n => results.Any(r => r.Set == n && r.System == s))) continue;
            double accuracy = suite.Average(n => Mean(results, n, s, r => r.Accuracy)), logLoss = suite.Average(n => Mean(results, n, s, r => r.LogLoss));
            var slowest = suite.MaxBy(n => Median(results, n, s))!;
            o.WriteLine($"| {s} | {accuracy:F4} | {logLoss:F4} | {suite.Sum(n => Median(results, n, s)):F1} | {Median(results, slowest, s):F1} ({slowest}) |");
        }
        if (!compare) return;
        var diffs = suite.Select(n => (Set: n, Points: 100 * (Mean(results, n, Ours, r => r.Accuracy) - Mean(results, n, Reference, r => r.Accuracy)))).ToList();
        var worst = diffs.MinBy(d => d.Points);
        var below = diffs.Where(d => d.Points < -1).Select(d => $"{d.Set} {Signed(d.Points)}").ToList();
        o.WriteLine($"\n{Ours} − {Reference}: mean accuracy {diffs.Average(d => d.Points):+0.00;-0.00} points; worst set {worst.Set} {Signed(worst.Points)}; " +
            $"sets more than 1 point below: {(below.Count == 0 ? "none" : string.Join(", ", below))}.");
    }

    private static string Cell(IReadOnlyList<Measurement> results, string set, string system, Func<Measurement, string> format)
    {
        var rows = results.Where(r => r.Set == set && r.System == system).ToList();
        if (rows.Count == 0) return "—";
        var mean = rows[0] with
        {
            Accuracy = rows.Average(r => r.Accuracy),
            LogLoss = rows.Average(r => r.LogLoss),
            Rmse = rows.Average(r => r.Rmse),
        };
        return format(mean);
    }

    private static double Mean(IReadOnlyList<Measurement> results, string set, string system, Func<Measurement, double> value) =>
        results.Where(r => r.Set == set && r.System == system).Select(value).DefaultIfEmpty(double.NaN).Average();

    private static double Median(IReadOnlyList<Measurement> results, string set, string system)
    {
        var t = results.Where(r => r.Set == set && r.System == system).Select(r => r.FitSeconds).Order().ToList();
        return t.Count == 0 ? double.NaN : t.Count % 2 == 1 ? t[t.Count / 2] : (t[t.Count / 2 - 1] + t[t.Count / 2]) / 2;
    }

    // One decimal with its sign; a difference that rounds to zero prints as 0.0 (a format section alone gave "-+0.0").
    private static string Signed(double points)
    {
        double rounded = Math.Round(points, 1);
        return rounded == 0 ? "0.0" : rounded.ToString("+0.0;-0.0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
