using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>
/// Where one <c>PredictionEngine.Predict</c> call goes, for the Fashion-MNIST network 784-256-128-10 (a short fit:
/// the weights' values do not change the time): in interleaved rounds over the same rows, median µs per row of
/// (1) the three matrix-vector products alone on the transposed weights (the floor): through <c>Gemm.Multiply</c>, every
/// input, and through <c>Gemv</c>, which skips zero inputs (on the raw features, so standardised figures differ),
/// (2) the engine's one-row scoring (<c>MlpInference.Probabilities</c>, one row) and (3) <c>PredictionEngine.Predict</c>
/// with a reused output object, with and without feature standardisation; the ratios are from the same rounds.
/// </summary>
internal static class PredictBench
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

    public static void Run(DataSet train, DataSet test, int runs)
    {
        foreach (bool standardize in new[] { false, true })
        {
            var ml = new MLContext(seed: 0);
            var definition = SchemaDefinition.Create(typeof(Row));
            definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, train.FeatureCount);
            var view = ml.Data.LoadFromEnumerable(Rows(train, 4000), definition);
            var pipeline = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options
            {
                HiddenLayerSizes = [256, 128], MaximumNumberOfEpochs = 1, FeatureScaling = standardize ? NeuralNet.MLExtensions.Engine.FeatureScaling.Standard : NeuralNet.MLExtensions.Engine.FeatureScaling.None, EnsembleSize = 1, NumberOfThreads = 1,
            }));
            var model = pipeline.Fit(view);
            var parameters = ((MlpPredictionTransformer)model.LastTransformer).Model;
            var engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model, inputSchemaDefinition: definition);
            int savedThreads = Scoring.SingleRowValues.Threads;
            Scoring.SingleRowValues.Threads = 1;
            var engineOneThread = ml.Model.CreatePredictionEngine<Row, Prediction>(model, inputSchemaDefinition: definition);
            Scoring.SingleRowValues.Threads = savedThreads;
            var inference = new MlpInference(parameters.Network, parameters.Standardizer);
            var rows = Rows(test, 2000).ToArray();
            var products = new Products(parameters.Network);
            var probabilities = new float[10];
            var reused = new Prediction();
            // The median of each round's median.
            var floor = new List<double>();
            var streamed = new List<double>();
            var oneRow = new List<double>();
            var predict = new List<double>();
            var predictOne = new List<double>();
            // Rounds of warm-up for two seconds first: the runtime recompiles hot methods optimised only after they have
            // run a while, and the first rounds are up to twice as slow.
            var warmUp = Stopwatch.StartNew();
            for (int round = 0; round <= Math.Max(runs, 3); round++)
            {
                if (round == 1 && warmUp.Elapsed.TotalSeconds < 2) round = 0;
                double f = PerRow(rows, r => products.Run(r.Features));
                double g = PerRow(rows, r => products.RunSkippingZeros(r.Features));
                double o = PerRow(rows, r => inference.Probabilities(r.Features, 1, probabilities));
                double p = PerRow(rows, r => engine.Predict(r, ref reused));
                double p1 = PerRow(rows, r => engineOneThread.Predict(r, ref reused));
                if (round == 0) continue;   // warm-up
                floor.Add(f); streamed.Add(g); oneRow.Add(o); predict.Add(p); predictOne.Add(p1);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var r in rows) engine.Predict(r, ref reused);
            double bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)rows.Length;
            double mf = Stats.Median(floor), mg = Stats.Median(streamed), mo = Stats.Median(oneRow), mp = Stats.Median(predict);
            Console.WriteLine($"  one row, standardised {standardize}: matrix-vector products alone {mf:F2} µs (every input), {mg:F2} µs " +
                $"(zero inputs skipped, Gemv; raw features); MlpInference one row {mo:F2} µs " +
                $"(×{mo / mf:F2} of the products); PredictionEngine.Predict {mp:F2} µs (×{mp / mf:F2} of the products; {Scoring.SingleRowValues.Threads} threads), " +
                $"{Stats.Median(predictOne):F2} µs on the caller's thread alone, {bytes:F1} bytes per call");
        }
    }

    // Median µs per row over `rows`, each row timed alone.
    private static double PerRow(Row[] rows, Action<Row> action)
    {
        var times = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            long t = Stopwatch.GetTimestamp();
            action(rows[i]);
            times[i] = Stopwatch.GetElapsedTime(t).TotalMicroseconds;
        }
        return Stats.Median(times);
    }

    private static IEnumerable<Row> Rows(DataSet data, int count)
    {
        for (int r = 0; r < Math.Min(count, data.Rows); r++)
            yield return new Row { Features = data.Features.AsSpan(r * data.FeatureCount, data.FeatureCount).ToArray(), Label = data.Labels[r] };
    }

    // The three products x·Wᵀ of one row on the transposed weights [in×out], nothing else (no bias, no activation).
    private sealed class Products
    {
        private readonly (float[] W, int In, int Out)[] _layers;
        private readonly float[][] _outputs;
        private readonly ComputeContext _context = ComputeContext.SingleThreaded();

        public Products(MlpNetwork network)
        {
            _layers = [.. network.Layers.Select(l => (l.TransposeWeights(network.Parameters), l.InputWidth, l.OutputWidth))];
            _outputs = [.. _layers.Select(l => new float[l.Out])];
        }

        public void RunSkippingZeros(float[] features)
        {
            ReadOnlySpan<float> x = features;
            for (int l = 0; l < _layers.Length; l++)
            {
                var (w, _, output) = _layers[l];
                Gemv.Multiply(_context.Path, x, w, output, _outputs[l]);
                x = _outputs[l];
            }
        }

        public void Run(float[] features)
        {
            ReadOnlySpan<float> x = features;
            for (int l = 0; l < _layers.Length; l++)
            {
                var (w, input, output) = _layers[l];
                Gemm.Multiply(_context, transA: false, transB: false, 1, output, input, x, w, _outputs[l], accumulate: false);
                x = _outputs[l];
            }
        }
    }
}
