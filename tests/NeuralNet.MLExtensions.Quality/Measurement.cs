using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// One trainer on one set with one seed: test accuracy and log-loss (classification and binary), AUC (binary) or RMSE
/// (regression), and Fit seconds; the figures a task does not have are NaN.
/// </summary>
internal sealed record Measurement(string Set, TaskKind Task, string System, int Seed, double Accuracy, double LogLoss, double Rmse, double FitSeconds,
    double Auc = double.NaN)
{
    /// <summary>The MLP's epochs in its final run (after a refit, the refit's), or 0 for other trainers.</summary>
    public int Epochs { get; init; }

    /// <summary>Fits <paramref name="trainer"/> on the featurised training data and evaluates it on the test data.</summary>
    public static Measurement Run(MLContext ml, string set, TaskKind task, string system, int seed, IEstimator<ITransformer> trainer, IDataView train, IDataView test)
    {
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        int epochs = Last(model) is MlpPredictionTransformer mlp ? mlp.Model.History.Count : 0;
        var scored = model.Transform(test);
        if (task == TaskKind.Regression)
        {
            var r = ml.Regression.Evaluate(scored);
            return new Measurement(set, task, system, seed, double.NaN, double.NaN, r.RootMeanSquaredError, seconds) { Epochs = epochs };
        }
        if (task == TaskKind.Binary)
        {
            var b = ml.BinaryClassification.Evaluate(scored);
            return new Measurement(set, task, system, seed, b.Accuracy, b.LogLoss, double.NaN, seconds, b.AreaUnderRocCurve) { Epochs = epochs };
        }
        var m = ml.MulticlassClassification.Evaluate(scored);
        return new Measurement(set, task, system, seed, m.MicroAccuracy, m.LogLoss, double.NaN, seconds) { Epochs = epochs };
    }

    private static ITransformer Last(ITransformer model) => model is TransformerChain<ITransformer> chain && chain.Any() ? chain.Last() : model;
}
