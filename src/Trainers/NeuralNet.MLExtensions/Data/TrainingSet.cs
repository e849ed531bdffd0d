namespace NeuralNet.MLExtensions.Data;

/// <summary>Training rows read out of an IDataView: features [rows×featureCount], 0-based labels, optional weights.</summary>
internal sealed record TrainingSet(float[] Features, int Rows, int FeatureCount, int[] Labels, float[]? Weights, ClassLabels Classes, int SkippedRows)
{
    /// <summary>Regression: the targets [rows] (the labels are then all 0); otherwise null.</summary>
    public float[]? Targets { get; init; }
}
