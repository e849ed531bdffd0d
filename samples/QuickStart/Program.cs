// QuickStart: train the MLP on the handwritten digits embedded in the repo (8×8 images, 10 classes) and evaluate it
// with ML.NET's own evaluator, beside ML.NET's L-BFGS maximum-entropy trainer for comparison.
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 0);
string dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");

// 1. Load the 75/25 split with ML.NET's text loader: 64 pixel columns become one Features vector, plus the label.
var loader = ml.Data.CreateTextLoader(new TextLoader.Options
{
    HasHeader = true,
    Separators = [','],
    Columns =
    [
        new TextLoader.Column("Features", DataKind.Single, 0, 63),
        new TextLoader.Column("Digit", DataKind.Single, 64),
    ],
});
IDataView train = loader.Load(Path.Combine(dataDirectory, "digits_train.csv"));
IDataView test = loader.Load(Path.Combine(dataDirectory, "digits_test.csv"));

// 2. The pipeline: the label becomes a key, the MLP trains with its defaults (two hidden layers of 64 ReLU units
//    shared by an ensemble of 8, Adam, a held-out fifth picking the best epoch, features standardised inside the
//    model), and the predicted key maps back to the digit.
var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Digit", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
    .Append(ml.MulticlassClassification.Trainers.Mlp())
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel"));

var clock = Stopwatch.StartNew();
var model = pipeline.Fit(train);
double seconds = clock.Elapsed.TotalSeconds;

// 3. Evaluate on the held-out quarter with ML.NET's evaluator.
var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
var mlp = model.OfType<NeuralNet.MLExtensions.MlpPredictionTransformer>().Single().Model;

Console.WriteLine(mlp.GetSummary());
Console.WriteLine($"Training time:        {seconds:F2} s");
Console.WriteLine($"Micro accuracy:       {metrics.MicroAccuracy:F4}");
Console.WriteLine($"Macro accuracy:       {metrics.MacroAccuracy:F4}");
Console.WriteLine($"Log-loss:             {metrics.LogLoss:F4}");
Console.WriteLine($"Log-loss reduction:   {metrics.LogLossReduction:F4}");
Console.WriteLine();
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// 4. The same data through ML.NET's L-BFGS maximum entropy (a linear model), for comparison.
var baseline = ml.Transforms.Conversion.MapValueToKey("Label", "Digit")
    .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
    .Fit(train);
var baselineMetrics = ml.MulticlassClassification.Evaluate(baseline.Transform(test));
Console.WriteLine($"LbfgsMaximumEntropy (defaults) micro accuracy: {baselineMetrics.MicroAccuracy:F4}");
Console.WriteLine($"Mlp (defaults) micro accuracy:                 {metrics.MicroAccuracy:F4}");
