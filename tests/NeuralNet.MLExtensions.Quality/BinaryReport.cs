namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// Prints the binary measurements (the two-class sets through the binary trainers, the label mapped to Boolean) as
/// Markdown: per set the mean over seeds of each trainer's test AUC, accuracy and log-loss and its median Fit time, our
/// AUC difference to LightGbm; then each trainer's mean AUC over the suite's binary sets and whether ours is at least
/// LightGbm's, the criterion of the regression-and-binary issue.
/// </summary>
internal static class BinaryReport
{
    private const string Ours = "Mlp", Reference = "LightGbm";

    public static void Print(TextWriter o, IReadOnlyList<Measurement> results, IReadOnlyList<(string Name, string Group)> sets,
        IReadOnlyDictionary<string, string> positiveClasses, IReadOnlyList<string> systems)
    {
        var binary = sets.Where(s => results.Any(r => r.Set == s.Name)).ToList();
        systems = systems.Where(s => results.Any(r => r.System == s)).ToList();
        if (binary.Count == 0 || systems.Count == 0) return;
        bool compare = systems.Contains(Ours) && systems.Contains(Reference);
        o.WriteLine("\n## Binary classification: test AUC / accuracy / log-loss (mean over seeds), Fit seconds (median)\n");
        o.WriteLine("Two-class sets through the binary trainers; the label is Boolean, true for the second class in ordinal order (shown).\n");
        o.WriteLine("| set (positive class) | " + string.Join(" | ", systems) + (compare ? $" | {Ours} − {Reference} (AUC) |" : " |"));
        o.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", systems.Count + (compare ? 1 : 0))));
        foreach (var (name, _) in binary)
        {
            var cells = systems.Select(s => Count(results, name, s) == 0 ? "—"
                : $"{Mean(results, name, s, r => r.Auc):F4} / {Mean(results, name, s, r => r.Accuracy):F3} / {Mean(results, name, s, r => r.LogLoss):F3} ({Median(results, name, s):F2} s)");
            o.WriteLine($"| {name} ({positiveClasses.GetValueOrDefault(name, "?")}) | {string.Join(" | ", cells)}" +
                (compare ? $" | {Difference(results, name):+0.0000;-0.0000} |" : " |"));
        }

        var suite = binary.Where(s => s.Group == "suite").Select(s => s.Name).ToList();
        if (suite.Count == 0) return;
        o.WriteLine($"\nOver the suite's {suite.Count} binary sets ({string.Join(", ", suite)}):\n");
        o.WriteLine("| trainer | mean AUC | mean accuracy | mean log-loss | total Fit seconds (sum of medians) |");
        o.WriteLine("|---|---|---|---|---|");
        foreach (var s in systems)
        {
            if (!suite.All(n => Count(results, n, s) > 0)) continue;
            o.WriteLine($"| {s} | {suite.Average(n => Mean(results, n, s, r => r.Auc)):F4} | {suite.Average(n => Mean(results, n, s, r => r.Accuracy)):F4} | " +
                $"{suite.Average(n => Mean(results, n, s, r => r.LogLoss)):F4} | {suite.Sum(n => Median(results, n, s)):F1} |");
        }
        if (!compare || !suite.All(n => Count(results, n, Ours) > 0 && Count(results, n, Reference) > 0)) return;
        var diffs = suite.Select(n => (Set: n, Auc: Difference(results, n))).ToList();
        double mean = diffs.Average(d => d.Auc);
        var worst = diffs.MinBy(d => d.Auc);
        var below = diffs.Where(d => d.Auc < -0.01).Select(d => $"{d.Set} {d.Auc:+0.0000;-0.0000}").ToList();
        o.WriteLine($"\n{Ours} − {Reference}: mean AUC {mean:+0.0000;-0.0000} ({(mean >= 0 ? "criterion met: our mean AUC is at least LightGbm's" : "criterion not met: our mean AUC is below LightGbm's")}); " +
            $"worst set {worst.Set} {worst.Auc:+0.0000;-0.0000}; sets more than 0.01 below: {(below.Count == 0 ? "none" : string.Join(", ", below))}.");
    }

    private static double Difference(IReadOnlyList<Measurement> results, string set) =>
        Mean(results, set, Ours, r => r.Auc) - Mean(results, set, Reference, r => r.Auc);

    private static int Count(IReadOnlyList<Measurement> results, string set, string system) => results.Count(r => r.Set == set && r.System == system);

    private static double Mean(IReadOnlyList<Measurement> results, string set, string system, Func<Measurement, double> value) =>
        results.Where(r => r.Set == set && r.System == system).Select(value).DefaultIfEmpty(double.NaN).Average();

    private static double Median(IReadOnlyList<Measurement> results, string set, string system)
    {
        var t = results.Where(r => r.Set == set && r.System == system).Select(r => r.FitSeconds).Order().ToList();
        return t.Count == 0 ? double.NaN : t.Count % 2 == 1 ? t[t.Count / 2] : (t[t.Count / 2 - 1] + t[t.Count / 2]) / 2;
    }
}
