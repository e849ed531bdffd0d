using System.Diagnostics;
using Microsoft.ML;

namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// One trainer on one set with one seed: test accuracy and log-loss (classification and binary), AUC (binary) or RMSE
/// (regression), and Fit seconds; the figures a task does not have are NaN.
/// </summary>
internal sealed record Measurement(string Set, TaskKind Task, string System, int Seed, double Accuracy, double LogLoss, double Rmse, double FitSeconds,
    double Auc = double.NaN)
{
    /// <summary>Fits <paramref name="trainer"/> on the featurised training data and evaluates it on the test data.</summary>
    public static Measurement Run(MLContext ml, string set, TaskKind task, string system, int seed, IEstimator<ITransformer> trainer, IDataView train, IDataView test)
    {
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        var scored = model.Transform(test);
        if (task == TaskKind.Regression)
        {
            var r = ml.Regression.Evaluate(scored);
            return new Measurement(set, task, system, seed, double.NaN, double.NaN, r.RootMeanSquaredError, seconds);
        }
        if (task == TaskKind.Binary)
        {
            var b = ml.BinaryClassification.Evaluate(scored);
            return new Measurement(set, task, system, seed, b.Accuracy, b.LogLoss, double.NaN, seconds, b.AreaUnderRocCurve);
        }
        var m = ml.MulticlassClassification.Evaluate(scored);
        return new Measurement(set, task, system, seed, m.MicroAccuracy, m.LogLoss, double.NaN, seconds);
    }
}
