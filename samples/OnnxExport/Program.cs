// OnnxExport: train a pipeline holding the MLP on iris, export the whole pipeline to ONNX with ML.NET's own
// mlContext.Model.ConvertToOnnx, score the test rows with ONNX Runtime, and print both scorings side by side.
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

var ml = new MLContext(seed: 0);
string dataDirectory = Path.Combine(AppContext.BaseDirectory, "data");
string[] featureNames = ["SepalLength", "SepalWidth", "PetalLength", "PetalWidth"];

// 1. Load the four measurements as separate columns and the class index (0, 1, 2) as the label.
var loader = ml.Data.CreateTextLoader(new TextLoader.Options
{
    HasHeader = true,
    Separators = [','],
    Columns = [.. featureNames.Select((name, i) => new TextLoader.Column(name, DataKind.Single, i)), new TextLoader.Column("Species", DataKind.Single, 4)],
});
IDataView train = loader.Load(Path.Combine(dataDirectory, "iris_train.csv"));
IDataView test = loader.Load(Path.Combine(dataDirectory, "iris_test.csv"));

// 2. The pipeline: measurements → Features, the class → a key (in class order, so Score slot c is class c), the MLP (two hidden layers, GELU), and the predicted
//    key back to the class index. Every step has an ONNX export.
var pipeline = ml.Transforms.Concatenate("Features", featureNames)
    .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
    .Append(ml.MulticlassClassification.Trainers.Mlp(new NeuralNet.MLExtensions.MlpTrainer.Options
    {
        HiddenLayerSizes = [16, 8],
        Activation = [NeuralNet.MLExtensions.Engine.Activation.Gelu],
        Seed = 1,
    }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));
ITransformer model = pipeline.Fit(train);

// 3. Export. The graph's inputs are the loaded columns (each a float tensor [N, 1]); its outputs are every column of
//    the scored data, named "<column>.output": Score.output [N, 3], PredictedLabel.output [N, 1] (uint32, 1-based),
//    PredictedSpecies.output [N, 1] (float), and the inputs passed through.
string onnxPath = Path.Combine(Path.GetTempPath(), "iris-mlp.onnx");
using (var stream = File.Create(onnxPath)) ml.Model.ConvertToOnnx(model, test, stream);
Console.WriteLine($"Exported to {onnxPath} ({new FileInfo(onnxPath).Length:N0} bytes).");

// 4. ML.NET's scoring of the test rows.
IDataView scored = model.Transform(test);
var mlNetRows = ml.Data.CreateEnumerable<Scored>(scored, reuseRowObject: false).ToArray();
int rows = mlNetRows.Length;

// 5. ONNX Runtime's scoring: each graph input fed from the test rows' column of that name.
var columns = ml.Data.CreateEnumerable<Measurements>(test, reuseRowObject: false).ToArray();
float[] Column(string name) => columns.Select(r => name switch
{
    "SepalLength" => r.SepalLength, "SepalWidth" => r.SepalWidth, "PetalLength" => r.PetalLength, "PetalWidth" => r.PetalWidth, _ => r.Species,
}).ToArray();
using var session = new InferenceSession(onnxPath);
var inputs = session.InputMetadata.Keys.Select(name => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(Column(name), [rows, 1]))).ToList();
using var results = session.Run(inputs);
float[] onnxScores = results.Single(r => r.Name == "Score.output").AsTensor<float>().ToArray();
float[] onnxSpecies = results.Single(r => r.Name == "PredictedSpecies.output").AsTensor<float>().ToArray();

// 6. Side by side: the class probabilities and the predicted class of each scorer.
Console.WriteLine();
Console.WriteLine($"{"row",3}  {"ML.NET Score",-26} {"ONNX Runtime Score",-26} {"ML.NET",6} {"ONNX",5}");
double worst = 0;
for (int r = 0; r < rows; r++)
{
    float[] onnxRow = onnxScores[(r * 3)..(r * 3 + 3)];
    for (int c = 0; c < 3; c++) worst = Math.Max(worst, Math.Abs(mlNetRows[r].Score[c] - onnxRow[c]) / Math.Max(Math.Abs(mlNetRows[r].Score[c]), 1e-30));
    if (r < 12)
        Console.WriteLine($"{r,3}  {Format(mlNetRows[r].Score),-26} {Format(onnxRow),-26} {mlNetRows[r].PredictedSpecies,6} {onnxSpecies[r],5}");
}
int agree = Enumerable.Range(0, rows).Count(r => mlNetRows[r].PredictedSpecies == onnxSpecies[r]);
Console.WriteLine($"... {rows} test rows: predicted classes equal on {agree}; largest relative Score difference {worst:G3}.");

static string Format(float[] p) => string.Join(" ", p.Select(v => v.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)));

internal sealed class Measurements
{
    public float SepalLength { get; set; }
    public float SepalWidth { get; set; }
    public float PetalLength { get; set; }
    public float PetalWidth { get; set; }
    public float Species { get; set; }
}

internal sealed class Scored
{
    public float[] Score { get; set; } = [];
    public float PredictedSpecies { get; set; }
}

// Expected output (the first rows; the file size and the last digits may vary by platform):
// Exported to /tmp/iris-mlp.onnx (8,124 bytes).
//
// row  ML.NET Score               ONNX Runtime Score         ML.NET  ONNX
//   0  0.998930 0.000977 0.000093 0.998930 0.000977 0.000093      0     0
//   1  0.999210 0.000723 0.000068 0.999210 0.000723 0.000068      0     0
//   ...
//   9  0.001119 0.628833 0.370048 0.001119 0.628833 0.370048      1     1
//  10  0.000493 0.000519 0.998988 0.000493 0.000519 0.998988      2     2
// ... 38 test rows: predicted classes equal on 38; largest relative Score difference 1.88E-06.
