using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.Cli.Commands;
using NeuralNet.Cli.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.Cli.Tasks;

/// <summary>
/// What predict writes per row, by the model's task: multiclass <c>PredictedLabel,P(class)…</c> (every class's
/// probability); binary <c>PredictedLabel,P(positive class)</c>; regression <c>PredictedValue</c>. A row whose
/// probabilities or value are not finite gives null (its cells are left empty).
/// </summary>
internal sealed record PredictionColumns(IReadOnlyList<string> Header, IReadOnlyList<string> Read, Func<DataViewRowCursor, Func<string[]?>> Reader)
{
    public static PredictionColumns For(MlpTask task, IDataView scored, IReadOnlyList<string> classes) => task switch
    {
        MlpTask.Regression => new(["PredictedValue"], ["Score"], cursor =>
        {
            var get = cursor.GetGetter<float>(scored.Schema["Score"]);
            float value = 0;
            return () =>
            {
                get(ref value);
                return float.IsFinite(value) ? [Number(value)] : null;
            };
        }),
        MlpTask.Binary => new(["PredictedLabel", $"P({classes[1]})"], [TrainCommand.PredictedValueColumn, "Probability"], cursor =>
        {
            var getPredicted = cursor.GetGetter<ReadOnlyMemory<char>>(scored.Schema[TrainCommand.PredictedValueColumn]);
            var getProbability = cursor.GetGetter<float>(scored.Schema["Probability"]);
            ReadOnlyMemory<char> predicted = default;
            float probability = 0;
            return () =>
            {
                getPredicted(ref predicted);
                getProbability(ref probability);
                return float.IsFinite(probability) ? [CsvLine.Quote(predicted.ToString()), Number(probability)] : null;
            };
        }),
        _ => new(["PredictedLabel", .. classes.Select(c => $"P({c})")], [TrainCommand.PredictedValueColumn, "Score"], cursor =>
        {
            var getPredicted = cursor.GetGetter<ReadOnlyMemory<char>>(scored.Schema[TrainCommand.PredictedValueColumn]);
            var getScore = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
            ReadOnlyMemory<char> predicted = default;
            VBuffer<float> score = default;
            return () =>
            {
                getPredicted(ref predicted);
                getScore(ref score);
                var p = score.DenseValues().ToArray();
                return p.All(float.IsFinite) ? [CsvLine.Quote(predicted.ToString()), .. p.Select(Number)] : null;
            };
        }),
    };

    private static string Number(float value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
