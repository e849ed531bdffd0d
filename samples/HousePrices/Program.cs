// HousePrices: regression with the MLP beside ML.NET's LightGbm. Boston house prices (UCI, 379 training and 127 test
// rows, 13 numeric features, the target the median home value in $1000s), featurised as an ML.NET user would, both
// trainers with their default options, ML.NET's regression metrics side by side.
//
// Expected output (seed 0; Fit seconds vary by machine):
//   Boston house prices (test)    Mlp (defaults)   LightGbm (defaults)
//   RMSE ($1000s)                          4.042                 4.507
//   MAE ($1000s)                           2.726                 2.709
//   R²                                     0.800                 0.751
//   Fit seconds                             1.61                  6.10
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

var ml = new MLContext(seed: 0);
string dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");

// 1. Load the 75/25 split with ML.NET's text loader: every feature as a Single (an empty cell would become NaN), the
//    target (the last column) as the Single label the regression trainers read.
string[] features = ["crim", "zn", "indus", "chas", "nox", "rm", "age", "dis", "rad", "tax", "ptratio", "b", "lstat"];
var loader = ml.Data.CreateTextLoader(new TextLoader.Options
{
    HasHeader = true,
    Separators = [','],
    MissingRealsAsNaNs = true,
    Columns =
    [
        .. features.Select((name, index) => new TextLoader.Column(name, DataKind.Single, index)),
        new TextLoader.Column("Label", DataKind.Single, features.Length),
    ],
});
IDataView train = loader.Load(Path.Combine(dataDirectory, "boston_train.csv"));
IDataView test = loader.Load(Path.Combine(dataDirectory, "boston_test.csv"));

// 2. The featurisation both trainers share: missing values replaced by the training mean, then the 13 columns
//    concatenated into one Features vector. The MLP standardises features and target inside the model, so no
//    normaliser is needed, and it predicts in the original units ($1000s).
var columns = features.Select(name => new InputOutputColumnPair(name)).ToArray();
var featurize = ml.Transforms.ReplaceMissingValues(columns, MissingValueReplacingEstimator.ReplacementMode.Mean)
    .Append(ml.Transforms.Concatenate("Features", features));

// 3. Train each trainer with its defaults and evaluate it on the held-out quarter with ML.NET's evaluator.
var mlp = Measure(featurize.Append(ml.Regression.Trainers.Mlp()));
var lightGbm = Measure(featurize.Append(ml.Regression.Trainers.LightGbm()));

// 4. The metrics side by side: RMSE and MAE in $1000s (lower is better), R² (higher is better).
Console.WriteLine($"{"Boston house prices (test)",-28}{"Mlp (defaults)",16}{"LightGbm (defaults)",22}");
Console.WriteLine($"{"RMSE ($1000s)",-28}{mlp.Metrics.RootMeanSquaredError,16:F3}{lightGbm.Metrics.RootMeanSquaredError,22:F3}");
Console.WriteLine($"{"MAE ($1000s)",-28}{mlp.Metrics.MeanAbsoluteError,16:F3}{lightGbm.Metrics.MeanAbsoluteError,22:F3}");
Console.WriteLine($"{"R²",-28}{mlp.Metrics.RSquared,16:F3}{lightGbm.Metrics.RSquared,22:F3}");
Console.WriteLine($"{"Fit seconds",-28}{mlp.Seconds,16:F2}{lightGbm.Seconds,22:F2}");

(RegressionMetrics Metrics, double Seconds) Measure(IEstimator<ITransformer> pipeline)
{
    var clock = Stopwatch.StartNew();
    ITransformer model = pipeline.Fit(train);
    double seconds = clock.Elapsed.TotalSeconds;
    return (ml.Regression.Evaluate(model.Transform(test)), seconds);
}
