using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// The save/load pipeline of the tests: Concatenate → NormalizeMeanVariance → MapValueToKey → Mlp → MapKeyToValue,
/// over iris rows with a vector column "Raw" and a text label "Species" (what the load probe reads).
/// </summary>
internal static class IrisPipeline
{
    public sealed class Row
    {
        public float[] Raw { get; set; } = [];
        public string Species { get; set; } = "";
    }

    public sealed class Output
    {
        public float[] Score { get; set; } = [];
        public string PredictedClass { get; set; } = "";
    }

    public static Row[] Rows(string file)
    {
        var t = TabularData.Load(file);
        return Enumerable.Range(0, t.Rows).Select(r => new Row
        {
            Raw = t.Features.AsSpan(r * t.FeatureCount, t.FeatureCount).ToArray(),
            Species = "class" + t.Labels[r].ToString(CultureInfo.InvariantCulture),
        }).ToArray();
    }

    public static SchemaDefinition Definition(int features)
    {
        var definition = SchemaDefinition.Create(typeof(Row));
        definition["Raw"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return definition;
    }

    public static IDataView Load(MLContext ml, Row[] rows) => ml.Data.LoadFromEnumerable(rows, Definition(rows[0].Raw.Length));

    public static ITransformer Train(MLContext ml, Row[] rows, MlpTrainer.Options? options = null) =>
        ml.Transforms.Concatenate("Features", "Raw")
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"))
            .Append(ml.MulticlassClassification.Trainers.Mlp(options ?? new MlpTrainer.Options { HiddenLayerSizes = [16], MaximumNumberOfEpochs = 30 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel"))
            .Fit(Load(ml, rows));

    public static Output[] Score(MLContext ml, ITransformer model, Row[] rows) =>
        ml.Data.CreateEnumerable<Output>(model.Transform(Load(ml, rows)), reuseRowObject: false).ToArray();

    public static string Bits(float[] values) =>
        string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v).ToString("X8", CultureInfo.InvariantCulture)));
}
