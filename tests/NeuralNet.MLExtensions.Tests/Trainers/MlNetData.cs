using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Trainers;

/// <summary>Loads the embedded CSV data sets with ML.NET's own text loader: a Features vector and a Single Label.</summary>
internal static class MlNetData
{
    public static IDataView Load(MLContext ml, string file)
    {
        string path = TabularData.PathOf(file);
        int d = File.ReadLines(path).First().Split(',').Length - 1;
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            HasHeader = true,
            Separators = [','],
            Columns =
            [
                new TextLoader.Column("Features", DataKind.Single, 0, d - 1),
                new TextLoader.Column("Label", DataKind.Single, d),
            ],
        });
        return loader.Load(path);
    }

    /// <summary>Label → key, then the given trainer.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, IEstimator<ITransformer> trainer) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Append(trainer);

    /// <summary>ML.NET's own (internal) SchemaShape.Create, so tests can compare shapes with real schemas.</summary>
    public static SchemaShape ShapeOf(DataViewSchema schema) =>
        (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .Invoke(null, [schema])!;

    /// <summary>The MLP model inside a fitted pipeline.</summary>
    public static MlpModelParameters Mlp(ITransformer model) =>
        ((IEnumerable<ITransformer>)model).OfType<MlpPredictionTransformer>().Single().Model;

    public static MulticlassClassificationMetrics TrainAndEvaluate(MLContext ml, string name, IEstimator<ITransformer> trainer)
    {
        var model = Pipeline(ml, trainer).Fit(Load(ml, $"{name}_train.csv"));
        return ml.MulticlassClassification.Evaluate(model.Transform(Load(ml, $"{name}_test.csv")));
    }
}
