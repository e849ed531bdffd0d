using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>
/// The ML.NET side: our trainer through ML.NET (fit time and accuracy, scoring through Transform, PredictionEngine
/// latency) beside ML.NET's LbfgsMaximumEntropy and SdcaMaximumEntropy with default options (time to accuracy).
/// </summary>
internal static class MlNetBench
{
    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }

    /// <param name="sklearnFashion">The Fashion-MNIST directory when scikit-learn's predict_proba (2 threads) is to be
    /// timed in the same rounds as our scoring (<see cref="SklearnScorer"/>); null otherwise.</param>
    public static void Run(DataSet train, DataSet test, int epochs, bool standardize, int runs, string? sklearnFashion = null)
    {
        var ml = new MLContext(seed: 0);
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, train.FeatureCount);
        IDataView trainView = ml.Data.LoadFromEnumerable(Rows(train), definition);
        IDataView testView = ml.Data.LoadFromEnumerable(Rows(test), definition);
        // Cache the converted rows so every trainer reads the same in-memory data.
        var key = ml.Transforms.Conversion.MapValueToKey("Label");
        var keyed = key.Fit(trainView);
        trainView = ml.Data.Cache(keyed.Transform(trainView));
        testView = ml.Data.Cache(keyed.Transform(testView));
        Touch(trainView);
        Touch(testView);

        var mlp = ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
        {
            // Classic: one network on all rows, so the figures stay comparable with the engine's and earlier runs.
            Preset = MlpPreset.Classic,
            HiddenLayerSizes = [256, 128],
            BatchSize = 128,
            MaximumNumberOfEpochs = epochs,
            ConvergencePatience = epochs + 1,
            FeatureScaling = standardize ? FeatureScaling.Standard : FeatureScaling.None,
            NumberOfThreads = 2,
        });
        var (model, fitSeconds) = Fit(mlp, trainView);
        double accuracy = ml.MulticlassClassification.Evaluate(model.Transform(testView)).MicroAccuracy;
        Console.WriteLine($"  Mlp via ML.NET, 2 threads, {epochs} epochs: fit {fitSeconds:F2} s (whole fit, first epoch and data copy included), test accuracy {accuracy:F4}");

        using var sklearn = sklearnFashion is null ? null : SklearnScorer.Start(sklearnFashion, threads: 2);
        var (transform, oneThread, batched, peer) = TransformAgainstEngine((MlpPredictionTransformer)model, trainView, train, runs, sklearn);
        Console.WriteLine($"  scoring through Transform + cursor over Score: {train.Rows / transform:N0} samples/s; the engine's own batched " +
            $"scoring (MlpInference, 2 threads, batches of 1,024) in the same rounds: {train.Rows / batched:N0} samples/s");
        Console.WriteLine($"  RATIO Transform/engine ×{batched / transform:F2} (target ≥ 0.90)");
        if (peer is double p)
            Console.WriteLine($"  RATIO Transform/scikit-learn predict_proba (2 threads, {train.Rows / p:N0} samples/s in the same rounds) ×{p / transform:F2} (target ≥ 1.30)");
        Console.WriteLine($"  the same Transform scoring on the cursor's thread alone (no background thread): {train.Rows / oneThread:N0} samples/s, ×{batched / oneThread:F2} of the engine");

        var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(keyed.Append(model), inputSchemaDefinition: definition);
        int savedThreads = Scoring.SingleRowValues.Threads;
        Scoring.SingleRowValues.Threads = 1;
        var engineOneThread = ml.Model.CreatePredictionEngine<Row, Prediction>(keyed.Append(model), inputSchemaDefinition: definition);
        Scoring.SingleRowValues.Threads = savedThreads;
        var rows = Rows(test).Take(2000).ToArray();
        // Median µs per call with a reused output object (no allocation per call), each round's median over the rows,
        // the two engines in alternate rounds; the median of the rounds after two seconds of warm-up (the runtime
        // recompiles hot methods optimised only after they have run a while: the first rounds are up to twice as slow).
        var output = new Prediction();
        var latency = new List<double>();
        var latencyOneThread = new List<double>();
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 2)
        {
            Latency(engine, rows, output);
            Latency(engineOneThread, rows, output);
        }
        for (int round = 0; round < Math.Max(runs, 3); round++)
        {
            latency.Add(Latency(engine, rows, output));
            latencyOneThread.Add(Latency(engineOneThread, rows, output));
        }
        Console.WriteLine($"  PredictionEngine latency: median {Stats.Median(latency):F1} µs per row (target < 8 µs on a quiet machine; " +
            $"rows scored on {Scoring.SingleRowValues.Threads} threads), {Stats.Median(latencyOneThread):F1} µs on the caller's thread alone, in the same rounds");
        // Allocation per call: with a reused output object (Predict(row, ref output)) the engine itself should allocate nothing.
        var reused = new Prediction();
        engine.Predict(rows[0], ref reused);
        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var r in rows) engine.Predict(r, ref reused);
        double perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)rows.Length;
        Console.WriteLine($"  PredictionEngine allocation with a reused output object: {perCall:F1} bytes per call");

        foreach (var (name, trainer) in new (string, IEstimator<ITransformer>)[]
        {
            ("LbfgsMaximumEntropy", ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()),
            ("SdcaMaximumEntropy", ml.MulticlassClassification.Trainers.SdcaMaximumEntropy()),
        })
        {
            var (other, seconds) = Fit(trainer, trainView);
            double otherAccuracy = ml.MulticlassClassification.Evaluate(other.Transform(testView)).MicroAccuracy;
            Console.WriteLine($"  {name} (defaults): fit {seconds:F2} s, test accuracy {otherAccuracy:F4}; Mlp fit time ×{seconds / fitSeconds:F2} shorter, accuracy {100 * (accuracy - otherAccuracy):+0.00;-0.00} points");
        }
    }

    private static (ITransformer Model, double Seconds) Fit(IEstimator<ITransformer> trainer, IDataView data)
    {
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(data);
        return (model, clock.Elapsed.TotalSeconds);
    }

    private static IEnumerable<Row> Rows(DataSet data)
    {
        for (int r = 0; r < data.Rows; r++)
            yield return new Row { Features = data.Features.AsSpan(r * data.FeatureCount, data.FeatureCount).ToArray(), Label = data.Labels[r] };
    }

    // Median µs of one Predict call over `rows`, each timed alone.
    private static double Latency(PredictionEngine<Row, Prediction> engine, Row[] rows, Prediction output)
    {
        var times = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            long t = Stopwatch.GetTimestamp();
            engine.Predict(rows[i], ref output);
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        return Stats.Median(times);
    }

    private static void Touch(IDataView view)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        while (cursor.MoveNext()) { }
    }

    // Median seconds of scoring every row of `data` through Transform + a cursor over Score (with the default threads,
    // and on the cursor's thread alone), and through the engine's own batched scoring of the same model (2 threads,
    // batches of 1,024, standardisation included), and scikit-learn's predict_proba when given, run alternately.
    private static (double Transform, double OneThread, double Engine, double? Peer) TransformAgainstEngine(MlpPredictionTransformer scorer, IDataView data, DataSet rows, int runs,
        SklearnScorer? sklearn)
    {
        var model = scorer.Model;
        var inference = new MlpInference(model.Network, model.Standardizer, numberOfThreads: 2);
        const int batch = 1024;
        var probabilities = new float[batch * model.Classes.Count];
        void Engine()
        {
            for (int start = 0; start < rows.Rows; start += batch)
            {
                int n = Math.Min(batch, rows.Rows - start);
                inference.Probabilities(rows.Features.AsSpan(start * rows.FeatureCount, n * rows.FeatureCount), n, probabilities);
            }
        }
        double Transform(int threads)
        {
            int saved = Scoring.AppendedDataView.CursorThreads;
            Scoring.AppendedDataView.CursorThreads = threads;
            try
            {
                long start = Stopwatch.GetTimestamp();
                ReadScores(scorer.Transform(data));
                return Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            finally
            {
                Scoring.AppendedDataView.CursorThreads = saved;
            }
        }
        var transform = new List<double>();
        var oneThread = new List<double>();
        var engine = new List<double>();
        var peer = new List<double>();
        var steal = new List<long?>();   // host steal ticks during the round's Transform and engine passes
        for (int r = 0; r <= runs; r++)
        {
            long? stealBefore = HostSteal.Ticks();
            double seconds = Transform(Scoring.AppendedDataView.CursorThreads);
            long? stealBetween = HostSteal.Ticks();
            double single = Transform(1);
            long? stealAfterSingle = HostSteal.Ticks();
            long t = Stopwatch.GetTimestamp();
            Engine();
            double engineSeconds = Stopwatch.GetElapsedTime(t).TotalSeconds;
            long? stealAfter = HostSteal.Ticks();
            double? peerSeconds = sklearn?.Seconds();
            // OpenBLAS's threads spin for about 0.1 s after a call before they sleep: wait until they do, so that they
            // do not take a core from the next round's first pass (ours).
            if (sklearn is not null) Thread.Sleep(PeerSettleMilliseconds);
            if (r == 0) continue;   // warm-up
            engine.Add(engineSeconds);
            transform.Add(seconds);
            steal.Add(stealBetween - stealBefore + (stealAfter - stealAfterSingle));
            oneThread.Add(single);
            if (peerSeconds is double ps) peer.Add(ps);
        }
        // The host's speed swings by a third between consecutive passes, so each round's own ratio is shown as well.
        var ratios = transform.Select((t, i) => engine[i] / t).ToList();
        Console.WriteLine($"  Transform/engine per round: {string.Join(", ", ratios.Select(r => r.ToString("F2")))}; median ×{Stats.Median(ratios):F2}");
        if (steal.All(s => s is not null))
        {
            // Both passes of a round without steal: the machine was the benchmark's alone for them.
            var quiet = ratios.Where((_, i) => steal[i] == 0).ToList();
            Console.WriteLine($"  host steal in those rounds' Transform and engine passes: {string.Join(", ", steal.Select(s => $"{s * HostSteal.MillisecondsPerTick:F0}"))} ms; " +
                (quiet.Count > 0 ? $"the {quiet.Count} rounds without: Transform/engine median ×{Stats.Median(quiet):F2}" : "no round without"));
        }
        return (Stats.Median(transform), Stats.Median(oneThread), Stats.Median(engine), peer.Count > 0 ? Stats.Median(peer) : null);
    }

    private const int PeerSettleMilliseconds = 300;

    private static void ReadScores(IDataView scored)
    {
        var column = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> score = default;
        while (cursor.MoveNext()) getter(ref score);
    }
}
