using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Kernels;

namespace NeuralNet.MLExtensions.Benchmarks;

/// <summary>One training configuration measured like the scikit-learn script: median epoch time after the first.</summary>
internal sealed record TrainingRun(int Threads, double SamplesPerSecond, double BestEpochSamplesPerSecond, MlpTrainingResult Result);

internal static class TrainingBench
{
    public static MlpTrainingSettings Settings(int threads, int epochs, bool standardize, Action<EpochReport>? epochCompleted = null) => new()
    {
        HiddenLayerSizes = [256, 128],
        Activation = [Activation.Relu],
        Optimizer = OptimizerKind.Adam,
        LearningRate = 1e-3f,
        BatchSize = 128,
        MaximumNumberOfEpochs = epochs,
        ConvergencePatience = epochs + 1,
        L2Regularization = 1e-4f,
        FeatureScaling = standardize ? FeatureScaling.Standard : FeatureScaling.None,
        Seed = 0,
        NumberOfThreads = threads,
        EpochCompleted = epochCompleted,
    };

    /// <summary>
    /// Trains on <paramref name="data"/>. Without standardisation the features are used as they are (not changed);
    /// with it, a copy is standardised, so every run starts from the same data.
    /// </summary>
    public static TrainingRun Train(DataSet data, int threads, int epochs, bool standardize)
    {
        var epochSeconds = new List<double>();
        TimeSpan last = TimeSpan.Zero;
        var settings = Settings(threads, epochs, standardize,
            r => { epochSeconds.Add((r.Elapsed - last).TotalSeconds); last = r.Elapsed; });
        float[] features = standardize ? (float[])data.Features.Clone() : data.Features;
        var result = MlpEngine.TrainInPlace(features, data.Rows, data.FeatureCount, data.Labels, null, data.ClassCount, settings);
        var timed = epochSeconds.Count > 2 ? epochSeconds.Skip(1) : epochSeconds;
        return new TrainingRun(threads, data.Rows / Stats.Median(timed), data.Rows / timed.Min(), result);
    }

    /// <summary>Training FLOPs per sample: forward + weight gradients over every layer, input gradients except the first.</summary>
    public static double FlopsPerSample(MlpArchitecture a)
    {
        double s = 0;
        for (int l = 0; l < a.LayerCount; l++) s += (double)a.LayerInputSize(l) * a.LayerOutputSize(l);
        return 6 * s - 2.0 * a.LayerInputSize(0) * a.LayerOutputSize(0);
    }

    /// <summary>Scores <paramref name="data"/> in batches; returns test accuracy.</summary>
    public static double Accuracy(MlpTrainingResult result, DataSet data)
    {
        int k = data.ClassCount, d = data.FeatureCount;
        var probabilities = new float[data.Rows * k];
        Score(new MlpInference(result.Network, result.Standardizer), data.Features, data.Rows, d, 1024, probabilities);
        int correct = 0;
        for (int r = 0; r < data.Rows; r++)
        {
            var p = probabilities.AsSpan(r * k, k);
            int best = 0;
            for (int c = 1; c < k; c++) if (p[c] > p[best]) best = c;
            if (best == data.Labels[r]) correct++;
        }
        return (double)correct / data.Rows;
    }

    /// <summary>Probabilities for every row, <paramref name="batch"/> rows per call of the engine's batched scoring.</summary>
    public static void Score(MlpInference inference, float[] x, int rows, int d, int batch, float[] output)
    {
        int k = inference.Network.Architecture.ClassCount;
        for (int start = 0; start < rows; start += batch)
        {
            int n = Math.Min(batch, rows - start);
            inference.Probabilities(x.AsSpan(start * d, n * d), n, output.AsSpan(start * k, n * k));
        }
    }

    public static bool BitIdentical(MlpNetwork a, MlpNetwork b) => a.Parameters.SequenceEqual(b.Parameters);
}
