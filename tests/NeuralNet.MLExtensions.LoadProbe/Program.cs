// Usage: LoadProbe MODEL.zip DATA.csv [hidden]
// Loads an ML.NET model with a new MLContext in this fresh process and scores DATA.csv (a header, numeric feature
// columns, then a class index). The model's input is a vector column "Raw" (the features) and a text column
// "Species" ("class" + index). For every row it prints the Score vector as the hexadecimal bits of each float and
// the predicted class, once through Transform and once through a PredictionEngine:
//   T <row> <bits>,<bits>,... <class>
//   P <row> <bits>,<bits>,... <class>
// With "hidden" it prints the vector column "Hidden" (a hidden-layer transform's output) instead, with class "-".
// With "regression" it prints the Single Score's bits and "-"; with "binary" the bits of Score and Probability and
// the Boolean PredictedLabel.
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

if (args.Length is not (2 or 3))
{
    Console.Error.WriteLine("usage: LoadProbe MODEL.zip DATA.csv [hidden|regression|binary]");
    return 2;
}
bool hidden = args.Length == 3 && args[2] == "hidden";

var rows = File.ReadLines(args[1]).Skip(1).Where(l => l.Length > 0).Select(l =>
{
    var cells = l.Split(',');
    return new ProbeRow
    {
        Raw = cells[..^1].Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
        Species = "class" + cells[^1],
    };
}).ToArray();
var definition = SchemaDefinition.Create(typeof(ProbeRow));
definition["Raw"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows[0].Raw.Length);

var ml = new MLContext(seed: 123);
ITransformer model = ml.Model.Load(args[0], out _);

var transformed = model.Transform(ml.Data.LoadFromEnumerable(rows, definition));
if (hidden)
{
    var outputs = ml.Data.CreateEnumerable<HiddenOutput>(transformed, reuseRowObject: false).ToArray();
    for (int i = 0; i < outputs.Length; i++) Console.WriteLine($"T {i} {Bits(outputs[i].Hidden)} -");
    var hiddenEngine = ml.Model.CreatePredictionEngine<ProbeRow, HiddenOutput>(model, inputSchemaDefinition: definition);
    for (int i = 0; i < rows.Length; i++) Console.WriteLine($"P {i} {Bits(hiddenEngine.Predict(rows[i]).Hidden)} -");
    return 0;
}
if (args.Length == 3 && args[2] == "regression")
{
    var outputs = ml.Data.CreateEnumerable<RegressionOutput>(transformed, reuseRowObject: false).ToArray();
    for (int i = 0; i < outputs.Length; i++) Console.WriteLine($"T {i} {Bits([outputs[i].Score])} -");
    var regressionEngine = ml.Model.CreatePredictionEngine<ProbeRow, RegressionOutput>(model, inputSchemaDefinition: definition);
    for (int i = 0; i < rows.Length; i++) Console.WriteLine($"P {i} {Bits([regressionEngine.Predict(rows[i]).Score])} -");
    return 0;
}
if (args.Length == 3 && args[2] == "binary")
{
    var outputs = ml.Data.CreateEnumerable<BinaryOutput>(transformed, reuseRowObject: false).ToArray();
    for (int i = 0; i < outputs.Length; i++) Console.WriteLine($"T {i} {Bits([outputs[i].Score, outputs[i].Probability])} {outputs[i].PredictedLabel}");
    var binaryEngine = ml.Model.CreatePredictionEngine<ProbeRow, BinaryOutput>(model, inputSchemaDefinition: definition);
    for (int i = 0; i < rows.Length; i++)
    {
        var p = binaryEngine.Predict(rows[i]);
        Console.WriteLine($"P {i} {Bits([p.Score, p.Probability])} {p.PredictedLabel}");
    }
    return 0;
}
var scored = ml.Data.CreateEnumerable<ProbeOutput>(transformed, reuseRowObject: false).ToArray();
for (int i = 0; i < scored.Length; i++) Console.WriteLine($"T {i} {Bits(scored[i].Score)} {scored[i].PredictedClass}");
var engine = ml.Model.CreatePredictionEngine<ProbeRow, ProbeOutput>(model, inputSchemaDefinition: definition);
for (int i = 0; i < rows.Length; i++)
{
    var p = engine.Predict(rows[i]);
    Console.WriteLine($"P {i} {Bits(p.Score)} {p.PredictedClass}");
}
return 0;

static string Bits(float[] values) => string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v).ToString("X8", CultureInfo.InvariantCulture)));

/// <summary>One input row.</summary>
public sealed class ProbeRow
{
    /// <summary>The features.</summary>
    public float[] Raw { get; set; } = [];
    /// <summary>The class as text.</summary>
    public string Species { get; set; } = "";
}

/// <summary>What the probe reads back.</summary>
public sealed class ProbeOutput
{
    /// <summary>Class probabilities.</summary>
    public float[] Score { get; set; } = [];
    /// <summary>The predicted class as text.</summary>
    public string PredictedClass { get; set; } = "";
}

/// <summary>What the probe reads back from a hidden-layer transform.</summary>
public sealed class HiddenOutput
{
    /// <summary>The hidden layer's activations.</summary>
    public float[] Hidden { get; set; } = [];
}

/// <summary>What the probe reads back from a regression model.</summary>
public sealed class RegressionOutput
{
    /// <summary>The prediction.</summary>
    public float Score { get; set; }
}

/// <summary>What the probe reads back from a binary model.</summary>
public sealed class BinaryOutput
{
    /// <summary>The logit.</summary>
    public float Score { get; set; }
    /// <summary>The probability of true.</summary>
    public float Probability { get; set; }
    /// <summary>The predicted label.</summary>
    public bool PredictedLabel { get; set; }
}
