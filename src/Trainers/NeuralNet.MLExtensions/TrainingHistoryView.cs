using Microsoft.ML;
using Microsoft.ML.Data;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>The training history as an IDataView, through ML.NET's public LoadFromEnumerable.</summary>
internal static class TrainingHistoryView
{
    public static IDataView Create(MLContext mlContext, IReadOnlyList<EpochReport> history, int layerCount)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        var schema = SchemaDefinition.Create(typeof(Row));
        var norms = schema[nameof(Row.LayerGradientNorms)];
        norms.ColumnType = new VectorDataViewType(NumberDataViewType.Double, layerCount);
        // Slot names Layer1..LayerN (the last is the output layer), so text writers give each slot a header.
        var names = Enumerable.Range(1, layerCount).Select(l => $"Layer{l}".AsMemory()).ToArray();
        norms.AddAnnotation(AnnotationNames.SlotNames, new VBuffer<ReadOnlyMemory<char>>(layerCount, names),
            new VectorDataViewType(TextDataViewType.Instance, layerCount));
        var rows = history.Select(r => new Row
        {
            Epoch = r.Epoch,
            TrainingLoss = r.TrainingLoss,
            ValidationLoss = r.ValidationLoss ?? double.NaN,
            ValidationAccuracy = r.ValidationAccuracy ?? double.NaN,
            LearningRate = r.LearningRate,
            GradientNorm = r.GradientNorm,
            LayerGradientNorms = r.LayerGradientNorms.ToArray(),
            ElapsedSeconds = r.Elapsed.TotalSeconds,
            ValidationRmse = r.ValidationRmse ?? double.NaN,
        }).ToArray();
        return mlContext.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>One epoch as a row.</summary>
    public sealed class Row
    {
        public int Epoch { get; set; }
        public double TrainingLoss { get; set; }
        public double ValidationLoss { get; set; }
        public double ValidationAccuracy { get; set; }
        public float LearningRate { get; set; }
        public double GradientNorm { get; set; }
        public double[] LayerGradientNorms { get; set; } = [];
        public double ElapsedSeconds { get; set; }
        public double ValidationRmse { get; set; }
    }
}
