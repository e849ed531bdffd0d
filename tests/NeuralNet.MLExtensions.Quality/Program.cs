using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using NeuralNet.MLExtensions.Quality;

// Usage (from the repository root; see README.md):
//   dotnet run -c Release --project tests/NeuralNet.MLExtensions.Quality -- [options]
//   --suite DIR       raw CSV sets NAME_train.csv / NAME_test.csv (default ../shared/data/suite)
//   --tabular DIR     iris, wine, digits as CSV (default the copy of data/tabular next to the program)
//   --fashion DIR     Fashion-MNIST IDX .gz files (default ../shared/data/fashion-mnist; skipped when absent)
//   --fashion-rows N  training rows of the Fashion-MNIST subsample (default 10000; test rows: N/5)
//   --seeds N         seeds 0..N-1 for every trainer (default 3)
//   --sets LIST       only these sets (comma-separated names)
//   --systems LIST    only these trainers (default Mlp,LightGbm,LbfgsMaximumEntropy)
//   --tasks LIST      only these tasks (default classification,binary,regression; binary: the two-class sets again
//                     through the binary trainers, the label Boolean, the second class in ordinal order true)
//   --json FILE       also write one JSON line per measurement
//   --variant SPEC    add an MLP with changed options, NAME:Key=Value;Key=Value (arrays 256|256); repeatable; name
//                     it in --systems too when --systems is given
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string suite = Path.GetFullPath(Path.Combine("..", "shared", "data", "suite"));
string tabular = Path.Combine(AppContext.BaseDirectory, "data", "tabular");
string fashion = Path.GetFullPath(Path.Combine("..", "shared", "data", "fashion-mnist"));
int fashionRows = 10_000, seeds = 3;
HashSet<string>? onlySets = null;
var tasks = Enum.GetValues<TaskKind>().ToHashSet();
var systemNames = TrainerSystem.All.Select(s => s.Name).ToList();
string? jsonPath = null;
var variants = new List<TrainerSystem>();
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--suite": suite = Next(); break;
        case "--tabular": tabular = Next(); break;
        case "--fashion": fashion = Next(); break;
        case "--fashion-rows": fashionRows = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seeds": seeds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--sets": onlySets = [.. Next().Split(',')]; break;
        case "--systems": systemNames = [.. Next().Split(',')]; break;
        case "--tasks": tasks = [.. Next().Split(',').Select(t => Enum.TryParse<TaskKind>(t, ignoreCase: true, out var kind) ? kind
            : throw new ArgumentException($"Unknown task {t} in --tasks; choose from classification, binary, regression."))]; break;
        case "--json": jsonPath = Next(); break;
        case "--variant": variants.Add(MlpVariant.Parse(Next())); systemNames.Add(variants[^1].Name); break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}; see the comment at the top of Program.cs."); return 2;
    }
}
var known = TrainerSystem.All.Concat(variants).ToList();
var systems = systemNames.Distinct().Select(n => known.SingleOrDefault(s => s.Name == n)
    ?? throw new ArgumentException($"Unknown system {n}; choose from {string.Join(", ", TrainerSystem.All.Select(s => s.Name))}.")).ToList();

Console.WriteLine($"# NeuralNet.MLExtensions quality benchmark  {DateTime.UtcNow:u}  cores {Environment.ProcessorCount}  seeds 0..{seeds - 1}");
var sets = new List<(string Name, string Group, TaskKind Task, Func<MLContext, (IDataView, IDataView, int)> Load, int TrainRows)>();
var positiveClasses = new Dictionary<string, string>();
if (!Directory.Exists(suite)) Console.Error.WriteLine($"No suite at {suite} (give --suite DIR); measuring the other sets only.");
else foreach (var s in SuiteSet.All(suite)) AddSet(s, "suite");
foreach (var name in new[] { "iris", "wine", "digits" })
    if (File.Exists(Path.Combine(tabular, name + "_train.csv"))) AddSet(SuiteSet.Scan(tabular, name), "tabular");
if (File.Exists(Path.Combine(fashion, "train-images-idx3-ubyte.gz")))
    sets.Add(("fashion-mnist", "tabular", TaskKind.Classification, ml =>
    {
        var (train, test) = FashionSubset.Load(ml, fashion, fashionRows, fashionRows / 5);
        return (train, test, 784);
    }, fashionRows));
if (onlySets is not null) sets = sets.Where(s => onlySets.Contains(s.Name)).ToList();
sets = sets.Where(s => tasks.Contains(s.Task)).ToList();

// One untimed fit of every trainer for every task first, so no trainer's figures carry the JIT's start-up cost.
foreach (var first in sets.GroupBy(s => s.Task).Select(g => g.First()))
{
    var warm = new MLContext(seed: 0);
    var (warmTrain, warmTest, _) = first.Load(warm);
    foreach (var system in systems)
        if (system.For(first.Task) is { } make) Measurement.Run(warm, first.Name, first.Task, system.Name, 0, make(warm), warmTrain, warmTest);
}

var results = new List<Measurement>();
using var json = jsonPath is null ? null : new StreamWriter(jsonPath);
foreach (var set in sets)
{
    var loadContext = new MLContext(seed: 0);
    var (train, test, width) = set.Load(loadContext);
    Console.Error.WriteLine($"{set.Name}: {set.Task}, {set.TrainRows} training rows, {width} features after featurisation");
    for (int seed = 0; seed < seeds; seed++)
        foreach (var system in systems)
        {
            if (system.For(set.Task) is not { } make) continue;
            var ml = new MLContext(seed: seed);
            var m = Measurement.Run(ml, set.Name, set.Task, system.Name, seed, make(ml), train, test);
            results.Add(m);
            string figures = set.Task switch
            {
                TaskKind.Regression => $"rmse {m.Rmse:G5}",
                TaskKind.Binary => $"auc {m.Auc:F4} accuracy {m.Accuracy:F4} log-loss {m.LogLoss:F4}",
                _ => $"accuracy {m.Accuracy:F4} log-loss {m.LogLoss:F4}",
            };
            Console.Error.WriteLine($"  seed {seed} {system.Name,-20} {figures}  fit {m.FitSeconds:F2} s");
            json?.WriteLine(JsonSerializer.Serialize(new
            {
                dataset = m.Set, group = set.Group, task = m.Task.ToString().ToLowerInvariant(), system = m.System, seed = m.Seed, train_rows = set.TrainRows,
                features = width, micro_accuracy = Finite(m.Accuracy), log_loss = Finite(m.LogLoss), rmse = Finite(m.Rmse), auc = Finite(m.Auc), fit_seconds = Math.Round(m.FitSeconds, 3), epochs = m.Epochs,
            }));
            json?.Flush();
        }
}
// The multiclass and regression tables, then the binary one (a two-class set appears in both under one name).
var setNames = sets.Select(s => (s.Name, s.Group)).Distinct().ToList();
QualityReport.Print(Console.Out, results.Where(r => r.Task != TaskKind.Binary).ToList(), setNames, systems.Select(s => s.Name).ToList());
BinaryReport.Print(Console.Out, results.Where(r => r.Task == TaskKind.Binary).ToList(), setNames, positiveClasses, systems.Select(s => s.Name).ToList());
return 0;

// A set as its task (multiclass or regression) and, when it has exactly two classes, again as a binary task.
void AddSet(SuiteSet s, string group)
{
    sets.Add((s.Name, group, s.Task, ml => Featurization.Load(ml, s), s.TrainRows));
    if (!s.IsTwoClass) return;
    sets.Add((s.Name, group, TaskKind.Binary, ml => Featurization.Load(ml, s, TaskKind.Binary), s.TrainRows));
    positiveClasses[s.Name] = s.PositiveClass;
}

static double? Finite(double x) => double.IsFinite(x) ? x : null;
