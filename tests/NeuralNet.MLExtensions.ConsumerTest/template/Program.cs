// The consumer test's program (see ../README.md). It is built outside the repository against the packed packages only.
//   Consumer woven                  checks that the packaged assemblies carry ML.NET's LoadableClass attribute
//   Consumer train MODEL.zip OUT    trains with mlContext.MulticlassClassification.Trainers.Mlp, adds the hidden-layer
//                                   transform, writes an evaluation report, saves with mlContext.Model.Save and writes
//                                   the scores of the embedded rows to OUT
//   Consumer load MODEL.zip OUT     (a fresh process) loads with mlContext.Model.Load, naming none of our types, and
//                                   writes the scores of the same rows to OUT; the script compares the two files
// Scores are written as the hexadecimal bits of each float, so equal files mean bit-for-bit equal predictions.
using System.Globalization;
using System.Reflection;
using Microsoft.ML;

if (args.Length == 1 && args[0] == "woven") return WovenCheck.Run();
if (args.Length == 3 && args[0] == "train") return Training.Run(args[1], args[2]);
if (args.Length == 3 && args[0] == "load") return Loading.Run(args[1], args[2]);
Console.Error.WriteLine("usage: Consumer woven | train MODEL.zip OUT.txt | load MODEL.zip OUT.txt");
return 2;

/// <summary>Reads each packaged assembly's attributes: the IL weaver must have added ML.NET's loader registration.</summary>
static class WovenCheck
{
    public static int Run()
    {
        int missing = 0;
        foreach (string name in new[] { "NeuralNet.MLExtensions", "NeuralNet.MLExtensions.Transforms" })
        {
            var assembly = Assembly.Load(name);
            int count = assembly.GetCustomAttributesData().Count(a => a.AttributeType.FullName == "Microsoft.ML.LoadableClassAttribute");
            Console.WriteLine($"{name}: {count} Microsoft.ML.LoadableClassAttribute ({assembly.Location})");
            if (count == 0)
            {
                Console.Error.WriteLine($"{name}.dll in the package has no [assembly: LoadableClass] attribute: the packed assembly "
                    + "is not the woven one (build/Weaving.targets must run before the package takes the file), so "
                    + "mlContext.Model.Load cannot find its loader.");
                missing++;
            }
        }
        return missing == 0 ? 0 : 1;
    }
}

/// <summary>Trains, saves and scores (the user's first program).</summary>
static class Training
{
    public static int Run(string modelPath, string outputPath)
    {
        var ml = new MLContext(seed: 0);
        IDataView data = ml.Data.LoadFromEnumerable(IrisRow.Embedded());
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(IrisRow.Species))
            .Append(ml.Transforms.Concatenate("Features", nameof(IrisRow.SepalLength), nameof(IrisRow.SepalWidth),
                nameof(IrisRow.PetalLength), nameof(IrisRow.PetalWidth)))
            .Append(ml.MulticlassClassification.Trainers.Mlp(new NeuralNet.MLExtensions.MlpTrainer.Options
            {
                HiddenLayerSizes = [8],
                MaximumNumberOfEpochs = 60,
                BatchSize = 8,
                LearningRate = 0.01f,
                Seed = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));
        var model = pipeline.Fit(data);

        // The hidden-layer transform (NeuralNet.MLExtensions.Transforms) joins the saved pipeline, so loading it proves
        // that package's loader registration too.
        var mlp = model.OfType<NeuralNet.MLExtensions.MlpPredictionTransformer>().Single().Model;
        var hidden = ml.Transforms.MlpHiddenLayer(mlp, layerIndex: 0, outputColumnName: "Hidden").Fit(model.Transform(data));
        var full = model.Append(hidden);

        // The report package (ScottPlot's native drawing included) must work from the packages alone.
        var report = NeuralNet.MLExtensions.Reports.EvaluationReport.Create(ml, model, data, "Label");
        string reportPath = Path.ChangeExtension(outputPath, ".html");
        report.WriteHtml(reportPath);
        if (new FileInfo(reportPath).Length < 1000) throw new InvalidOperationException($"The report {reportPath} is nearly empty.");

        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(data));
        Console.WriteLine($"trained: micro accuracy {metrics.MicroAccuracy:F3} on {IrisRow.Embedded().Length} rows; report {reportPath}");
        if (metrics.MicroAccuracy < 0.8) throw new InvalidOperationException($"Micro accuracy {metrics.MicroAccuracy:F3} is below 0.8: the trainer did not learn.");

        ml.Model.Save(full, data.Schema, modelPath);
        Scores.Write(ml, full, outputPath);
        return 0;
    }
}

/// <summary>Loads and scores in a fresh process; nothing here names a NeuralNet type.</summary>
static class Loading
{
    public static int Run(string modelPath, string outputPath)
    {
        var ml = new MLContext(seed: 0);
        ITransformer model;
        try
        {
            model = ml.Model.Load(modelPath, out _);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"mlContext.Model.Load({modelPath}) failed in a fresh process: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine("Is the packaged NeuralNet.MLExtensions.dll woven (run `Consumer woven`) and deployed beside the program?");
            return 1;
        }
        Scores.Write(ml, model, outputPath);
        return 0;
    }
}

/// <summary>Writes every embedded row's scores, predicted class and hidden activations, through Transform and through a
/// PredictionEngine, as float bits.</summary>
static class Scores
{
    public static void Write(MLContext ml, ITransformer model, string path)
    {
        var rows = IrisRow.Embedded();
        var scored = ml.Data.CreateEnumerable<ScoredRow>(model.Transform(ml.Data.LoadFromEnumerable(rows)), reuseRowObject: false).ToArray();
        var engine = ml.Model.CreatePredictionEngine<IrisRow, ScoredRow>(model);
        using var writer = new StreamWriter(path);
        for (int i = 0; i < scored.Length; i++) writer.WriteLine($"T {i} {scored[i]}");
        for (int i = 0; i < rows.Length; i++) writer.WriteLine($"P {i} {engine.Predict(rows[i])}");
    }
}

/// <summary>One iris flower (24 rows of the UCI iris data set, 8 per species).</summary>
public sealed class IrisRow
{
    public float SepalLength { get; set; }
    public float SepalWidth { get; set; }
    public float PetalLength { get; set; }
    public float PetalWidth { get; set; }
    public string Species { get; set; } = "";

    private const string Data = """
        5.1,3.5,1.4,0.2,setosa
        5.4,3.7,1.5,0.2,setosa
        5.4,3.4,1.7,0.2,setosa
        4.8,3.1,1.6,0.2,setosa
        5.0,3.5,1.3,0.3,setosa
        4.9,3.0,1.4,0.2,setosa
        4.6,3.4,1.4,0.3,setosa
        5.7,4.4,1.5,0.4,setosa
        7.0,3.2,4.7,1.4,versicolor
        5.0,2.0,3.5,1.0,versicolor
        5.9,3.2,4.8,1.8,versicolor
        5.5,2.4,3.8,1.1,versicolor
        5.5,2.6,4.4,1.2,versicolor
        6.4,3.2,4.5,1.5,versicolor
        5.7,2.8,4.5,1.3,versicolor
        6.0,2.9,4.5,1.5,versicolor
        6.3,3.3,6.0,2.5,virginica
        6.5,3.2,5.1,2.0,virginica
        6.9,3.2,5.7,2.3,virginica
        7.4,2.8,6.1,1.9,virginica
        6.7,3.1,5.6,2.4,virginica
        7.7,3.8,6.7,2.2,virginica
        6.4,2.8,5.6,2.1,virginica
        7.2,3.6,6.1,2.5,virginica
        """;

    public static IrisRow[] Embedded() => Data.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.Split(','))
        .Select(c => new IrisRow
        {
            SepalLength = float.Parse(c[0], CultureInfo.InvariantCulture),
            SepalWidth = float.Parse(c[1], CultureInfo.InvariantCulture),
            PetalLength = float.Parse(c[2], CultureInfo.InvariantCulture),
            PetalWidth = float.Parse(c[3], CultureInfo.InvariantCulture),
            Species = c[4],
        }).ToArray();
}

/// <summary>What the pipeline adds to a row.</summary>
public sealed class ScoredRow
{
    public float[] Score { get; set; } = [];
    public string PredictedSpecies { get; set; } = "";
    public float[] Hidden { get; set; } = [];

    public override string ToString() => $"{Bits(Score)} {PredictedSpecies} {Bits(Hidden)}";

    private static string Bits(float[] values) =>
        string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v).ToString("X8", CultureInfo.InvariantCulture)));
}
