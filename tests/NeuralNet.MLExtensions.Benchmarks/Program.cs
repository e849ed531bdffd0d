using System.Diagnostics;
using System.Runtime.Intrinsics;
using NeuralNet.MLExtensions.Benchmarks;
using NeuralNet.MLExtensions.Engine;

// Usage: see README.md. Options:
//   --fashion DIR   the four Fashion-MNIST IDX .gz files (default /work/shared/data/fashion-mnist)
//   --digits DIR    digits_{train,test}.csv (default: the copy next to this program)
//   --runs N        repetitions of every measurement; medians are printed (default 3)
//   --only LIST     any of fashion,digits,mlnet,predict,gemm (default all; mlnet runs on the data sets chosen; predict
//                   is the one-row breakdown on Fashion-MNIST, without training it)
//   --sklearn       also run the scikit-learn peer script in this run and print our ratios to it
//   --peer PATH     the peer script (default /work/shared/peers/sklearn_mlp.py)
//   --epochs N      Fashion-MNIST training epochs (default 10; fewer for a short run: scoring speed does not depend on it)
//   --threads LIST  thread counts to train with (default 1,2; the bit-identity check needs 1 and 2)
//   --stress SECS   instead of measuring: three trainings at once for SECS seconds (races in the worker pool)
//   --scale LIST    instead of measuring: the scale mode on synthetic binary files of these row counts (e.g. 1000000,10000000)
//   --scale-compare with --scale: also train each file in memory and print the streamed/in-memory throughput ratio
//   --scale-dir DIR where the scale files go (default: the temp directory's nn-mlextensions-scale; 100M rows is ~8 GB)
//   --scale-epochs N epochs of the scale runs (default 2)
//   --scale-threads N kernel threads of the scale runs (default: the trainer's default)
string fashionDir = Path.GetFullPath(Path.Combine("..", "shared", "data", "fashion-mnist"));
string digitsDir = Path.Combine(AppContext.BaseDirectory, "data", "tabular");
string peer = Path.GetFullPath(Path.Combine("..", "shared", "peers", "sklearn_mlp.py"));
int stressSeconds = 0;
var scaleSizes = new List<long>();
bool scaleCompare = false;
string scaleDir = Path.Combine(Path.GetTempPath(), "nn-mlextensions-scale");
int scaleEpochs = 2;
int? scaleThreads = null;
bool scaleShuffle = false;
int runs = 3;
int fashionEpochs = 10;
bool sklearn = false;
var only = new HashSet<string> { "gemm", "fashion", "digits", "mlnet", "predict" };
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--fashion": fashionDir = args[++i]; break;
        case "--digits": digitsDir = args[++i]; break;
        case "--runs": runs = int.Parse(args[++i]); break;
        case "--epochs": fashionEpochs = int.Parse(args[++i]); break;
        case "--only": only = [.. args[++i].Split(',')]; break;
        case "--sklearn": sklearn = true; break;
        case "--peer": peer = args[++i]; break;
        case "--threads": i++; break;
        case "--stress": stressSeconds = int.Parse(args[++i]); break;
        case "--scale": scaleSizes.AddRange(args[++i].Split(',').Select(long.Parse)); break;
        case "--scale-compare": scaleCompare = true; break;
        case "--scale-dir": scaleDir = args[++i]; break;
        case "--scale-epochs": scaleEpochs = int.Parse(args[++i]); break;
        case "--scale-threads": scaleThreads = int.Parse(args[++i]); break;
        case "--scale-shuffle": scaleShuffle = true; break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}; see README.md."); return 2;
    }
}

if (scaleSizes.Count > 0)
{
    ScaleBench.Run(scaleSizes, scaleDir, scaleEpochs, scaleCompare, scaleThreads, scaleShuffle);
    return 0;
}
if (stressSeconds > 0) return StressTest.Run(DataSet.Csv(Path.Combine(digitsDir, "digits_train.csv")), stressSeconds);

Console.WriteLine($"# NeuralNet.MLExtensions benchmark  {DateTime.UtcNow:u}  cores {Environment.ProcessorCount}  " +
    $"Vector512 {Vector512.IsHardwareAccelerated}  Vector256 {Vector256.IsHardwareAccelerated}  runs {runs}");
int[] threadCounts = [1, 2];
if (Array.IndexOf(args, "--threads") is int ti and >= 0) threadCounts = [.. args[ti + 1].Split(',').Select(int.Parse)];
var peak = new Dictionary<int, double>();
var achieved = new List<(string Data, int Threads, double Gflops)>();

if (only.Contains("fashion"))
{
    Console.WriteLine($"\n## Fashion-MNIST 60,000×784, 784-256-128-10 ReLU, Adam 1e-3, batch 128, {fashionEpochs} epochs (train samples/s: median epoch after the first)");
    var train = DataSet.FashionMnist(fashionDir, train: true);
    double featuresMb = train.Features.Length * 4.0 / 1048576;
    // Return the loader's freed byte buffers to the OS, so the peak below is the features plus training.
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    Stats.ResetPeakWorkingSet();
    var fashion = TrainAll(train, epochs: fashionEpochs, standardize: false);
    double peakMb = Stats.PeakWorkingSetMb();
    double limit = 1.25 * featuresMb + 100;
    Console.WriteLine($"  peak working set while training {peakMb:F0} MB; limit 1.25×{featuresMb:F0} MB features + 100 MB = {limit:F0} MB: {(peakMb <= limit ? "met" : "NOT met")}");
    var test = DataSet.FashionMnist(fashionDir, train: false);
    var model = fashion[threadCounts[^1]][^1].Result;
    double accuracy = TrainingBench.Accuracy(model, test);
    Console.WriteLine($"  test accuracy {accuracy:F4}");
    var scoring = new Dictionary<int, double>();
    foreach (int t in threadCounts)
    {
        var probabilities = new float[train.Rows * train.ClassCount];
        var inference = new MlpInference(model.Network, model.Standardizer, numberOfThreads: t);
        double s = Stats.MedianSeconds(runs, () => TrainingBench.Score(inference, train.Features, train.Rows, train.FeatureCount, 1024, probabilities));
        scoring[t] = train.Rows / s;
        Console.WriteLine($"  scoring {t} thread(s), batches of 1024: {scoring[t]:N0} samples/s");
    }
    double flops = TrainingBench.FlopsPerSample(model.Network.Architecture);
    foreach (int t in threadCounts)
    {
        double sps = Stats.Median(fashion[t].Select(r => r.SamplesPerSecond));
        Console.WriteLine($"  training {t} thread(s): {sps:N0} samples/s = {sps * flops / 1e9:F1} GFLOP/s");
        achieved.Add(("Fashion-MNIST", t, sps * flops / 1e9));
    }
    if (sklearn) ComparePeer("fashion-mnist", fashionEpochs, fashion, accuracy, scoring);
    if (only.Contains("mlnet")) MlNetBench.Run(train, test, epochs: fashionEpochs, standardize: false, runs, sklearn ? fashionDir : null);
}

if (only.Contains("predict"))
{
    Console.WriteLine("\n## One row, Fashion-MNIST 784-256-128-10 (1-epoch model on 4,000 rows; median µs per row of each round's median)");
    PredictBench.Run(DataSet.FashionMnist(fashionDir, train: true), DataSet.FashionMnist(fashionDir, train: false), runs);
}

if (only.Contains("digits"))
{
    Console.WriteLine("\n## digits 1,347×64, 64-256-128-10 ReLU, Adam 1e-3, batch 128, 20 epochs, standardised");
    var train = DataSet.Csv(Path.Combine(digitsDir, "digits_train.csv"));
    var test = DataSet.Csv(Path.Combine(digitsDir, "digits_test.csv"));
    var digits = TrainAll(train, epochs: 20, standardize: true, repeat: Math.Max(5, runs));
    double accuracy = TrainingBench.Accuracy(digits[threadCounts[0]][^1].Result, test);
    Console.WriteLine($"  test accuracy {accuracy:F4}");
    double flops = TrainingBench.FlopsPerSample(digits[threadCounts[0]][0].Result.Network.Architecture);
    foreach (int t in threadCounts)
    {
        double sps = Stats.Median(digits[t].Select(r => r.SamplesPerSecond));
        Console.WriteLine($"  training {t} thread(s): {sps:N0} samples/s = {sps * flops / 1e9:F1} GFLOP/s");
        achieved.Add(("digits", t, sps * flops / 1e9));
    }
    if (sklearn) ComparePeer("digits", 20, digits, accuracy, null);
    if (only.Contains("mlnet")) MlNetBench.Run(train, test, epochs: 20, standardize: true, runs);
}

if (only.Contains("gemm"))
{
    Console.WriteLine("\n## Gemm GFLOP/s (median), ours vs the first i-k-j Gemm (baseline) in the same run");
    foreach (var shape in GemmBench.MlpShapes.Append(GemmBench.Square))
        foreach (int t in threadCounts)
        {
            var (ours, baseline) = GemmBench.Measure(shape, t, shape == GemmBench.Square ? Math.Min(runs, 3) : runs);
            Console.WriteLine($"  {shape.Name,-26} {t} thread(s): ours {ours,6:F1}  baseline {baseline,6:F1}  ×{ours / baseline:F2}" +
                (shape.M == 1 ? $"  ({2.0 * shape.N * shape.K / ours / 1e3:F1} µs per call)" : ""));
            if (shape.M > 1) peak[t] = Math.Max(peak.GetValueOrDefault(t), ours);
        }
    Console.WriteLine($"  our Gemm peak in this run (best of the shapes above): {string.Join(", ", peak.Select(p => $"{p.Value:F1} GFLOP/s on {p.Key} thread(s)"))}");
    foreach (var (data, t, gflops) in achieved)
        Console.WriteLine($"  {data} training, {t} thread(s): {gflops:F1} GFLOP/s = {100 * gflops / peak[t]:F0} % of that peak");
}
return 0;

// Trains `repeat` times on 1 and on 2 threads (interleaved), checks 1- and 2-thread models are bit-identical.
Dictionary<int, List<TrainingRun>> TrainAll(DataSet train, int epochs, bool standardize, int repeat = 0)
{
    repeat = repeat > 0 ? repeat : runs;
    var all = threadCounts.ToDictionary(t => t, _ => new List<TrainingRun>());
    for (int r = 0; r < repeat; r++)
        foreach (int t in threadCounts)
        {
            var run = TrainingBench.Train(train, t, epochs, standardize);
            all[t].Add(run);
            Console.WriteLine($"  run {r + 1} threads {t}: {run.SamplesPerSecond:N0} samples/s (best epoch {run.BestEpochSamplesPerSecond:N0})");
        }
    if (all.ContainsKey(1) && all.ContainsKey(2))
        Console.WriteLine($"  1-thread and 2-thread models bit-identical: {TrainingBench.BitIdentical(all[1][0].Result.Network, all[2][0].Result.Network)}");
    return all;
}

// Returns the peer's scoring samples/s per thread count.
Dictionary<int, double> ComparePeer(string dataset, int epochs, Dictionary<int, List<TrainingRun>> ours, double accuracy, Dictionary<int, double>? scoring)
{
    var peerScoring = new Dictionary<int, double>();
    foreach (int t in threadCounts)
    {
        var watch = Stopwatch.StartNew();
        var peerResult = SklearnPeer.Run(peer, dataset, epochs, t);
        if (peerResult is null) continue;
        peerScoring[t] = peerResult.InferSamplesPerSecond;
        double sps = Stats.Median(ours[t].Select(r => r.SamplesPerSecond));
        Console.WriteLine($"  scikit-learn {t} thread(s): {peerResult.TrainSamplesPerSecond:N0} train samples/s, {peerResult.InferSamplesPerSecond:N0} scoring, accuracy {peerResult.TestAccuracy:F4} ({watch.Elapsed.TotalSeconds:F0} s)");
        Console.WriteLine($"  RATIO ours/scikit-learn {t} thread(s): training ×{sps / peerResult.TrainSamplesPerSecond:F2}" +
            (scoring is null ? "" : $", scoring ×{scoring[t] / peerResult.InferSamplesPerSecond:F2}") +
            $", accuracy {100 * (accuracy - peerResult.TestAccuracy):+0.00;-0.00} points");
    }
    return peerScoring;
}
