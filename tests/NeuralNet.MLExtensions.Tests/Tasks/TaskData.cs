using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Tests.Tasks;

/// <summary>
/// Synthetic rows for the regression and binary trainers: four features, of which x₀ and x₁ carry the signal and x₂,
/// x₃ are noise, a Single target y = 50 + 20·sin(x₀) + 10·x₁² + small noise, and a Boolean label x₀ + x₁² &gt; 1.
/// The features are a vector column "Raw" (copied to "Features" by the pipeline), as the load probe expects.
/// </summary>
internal static class TaskData
{
    public sealed class Row
    {
        [VectorType(4)] public float[] Raw { get; set; } = [];
        public float Target { get; set; }
        public bool Positive { get; set; }
        public string Species { get; set; } = "";
    }

    public static Row[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var x = Enumerable.Range(0, 4).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            return new Row
            {
                Raw = x,
                Target = (float)(50 + 20 * Math.Sin(x[0]) + 10 * x[1] * x[1] + random.NextDouble() - 0.5),
                Positive = x[0] + x[1] * x[1] > 1,
                Species = "class0",
            };
        }).ToArray();
    }

    public static IDataView Load(MLContext ml, Row[] rows) => ml.Data.LoadFromEnumerable(rows);

    /// <summary>Raw → Features, then the trainer.</summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml, IEstimator<ITransformer> trainer) =>
        ml.Transforms.CopyColumns("Features", "Raw").Append(trainer);

    /// <summary>Writes rows as the load probe reads them: the four features, then a class index.</summary>
    public static string WriteCsv(Row[] rows, string path)
    {
        File.WriteAllLines(path, new[] { "x0,x1,x2,x3,class" }.Concat(rows.Select(r =>
            string.Join(",", r.Raw.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + ",0")));
        return path;
    }

    public static MlpModelParameters Mlp(ITransformer model) =>
        ((IEnumerable<ITransformer>)model).OfType<MlpPredictionTransformer>().Single().Model;
}
