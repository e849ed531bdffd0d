// Fashion-MNIST: train the MLP on 28×28 clothing images and write the evaluation report.
// Usage: dotnet run --project samples/FashionMnist -- DATA_DIRECTORY [REPORT.html]
// DATA_DIRECTORY holds the four IDX .gz files (train-images-idx3-ubyte.gz, …). To finish in well under a minute on
// two cores it trains on the first 6,000 of the 60,000 training images for at most 15 epochs and tests on the first
// 2,000 test images; use the whole set and more epochs for ~88–89 % instead of ~83–85 %.
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Reports;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: FashionMnist DATA_DIRECTORY [REPORT.html]");
    return 2;
}
string directory = args[0], reportPath = args.Length > 1 ? args[1] : "fashion-mnist-report.html";
string[] names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
const int TrainRows = 6_000, TestRows = 2_000;

// 1. Read the IDX files: pixels scaled to [0, 1], labels as the item names.
IEnumerable<Image> Read(string prefix, int limit)
{
    var pixels = IdxReader.ReadImages(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), limit);
    var labels = IdxReader.ReadLabels(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), limit);
    return pixels.Select((p, i) => new Image { Pixels = p, Item = names[labels[i]] });
}
var ml = new MLContext(seed: 0);
IDataView train = ml.Data.LoadFromEnumerable(Read("train", TrainRows).ToArray());
IDataView test = ml.Data.LoadFromEnumerable(Read("t10k", TestRows).ToArray());

// 2. The pipeline: item name → key (ordered as the names above), the MLP, the predicted key back to the name.
var options = new MlpTrainer.Options { FeatureColumnName = "Pixels", HiddenLayerSizes = [128], MaximumNumberOfEpochs = 15, BatchSize = 64 };
var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Item", keyData: ml.Data.LoadFromEnumerable(names.Select(n => new ItemName { Item = n })))
    .Append(ml.MulticlassClassification.Trainers.Mlp(options))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedItem", "PredictedLabel"));

var clock = Stopwatch.StartNew();
var model = pipeline.Fit(train);
Console.WriteLine($"Trained on {TrainRows:N0} images in {clock.Elapsed.TotalSeconds:F1} s.");

// 3. The report: ML.NET's metrics, per-class table, confusion matrix, curves and the reliability diagram.
var report = EvaluationReport.Create(ml, model, test, "Label", new EvaluationReportOptions
{
    Title = $"Fashion-MNIST ({TrainRows:N0} training / {TestRows:N0} test images)",
    TrainingOptions = options,
});
report.WriteHtml(reportPath);
Console.WriteLine($"Micro accuracy {report.Metrics.MicroAccuracy:F4}, macro accuracy {report.Metrics.MacroAccuracy:F4}, log-loss {report.Metrics.LogLoss:F4}.");
Console.WriteLine($"Report: {Path.GetFullPath(reportPath)}");
return 0;

/// <summary>One image: 784 pixels and the item's name.</summary>
internal sealed class Image
{
    [VectorType(784)] public float[] Pixels { get; set; } = new float[784];
    public string Item { get; set; } = "";
}

/// <summary>A class name alone: the key order for MapValueToKey.</summary>
internal sealed class ItemName
{
    public string Item { get; set; } = "";
}
