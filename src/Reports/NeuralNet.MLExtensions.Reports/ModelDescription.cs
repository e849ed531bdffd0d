namespace NeuralNet.MLExtensions.Reports;

/// <summary>The MLP inside the evaluated pipeline: its layers, parameter counts, how training went and with which options.</summary>
/// <param name="Features">Number of input features.</param>
/// <param name="Layers">The input stage (when the model has one), the ensemble's member scales (when it is one) and the dense layers, input side first.</param>
/// <param name="ParameterCount">Trainable parameters in total.</param>
/// <param name="FeatureScaling">How features are scaled inside the model: "None", "Standard" or "Robust" (<c>MlpOptionsBase.FeatureScaling</c>).</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="StopReason">Why training ended, in words.</param>
/// <param name="FinalTrainingLoss">Training loss of the last epoch; NaN without history.</param>
/// <param name="TrainingSeconds">Wall time of training; NaN without history.</param>
/// <param name="TrainingOptions">Option name and value, when the options were given to the report.</param>
/// <param name="Summary">The model's own text summary (<c>MlpModelParameters.GetSummary()</c>).</param>
public sealed record ModelDescription(
    int Features,
    IReadOnlyList<LayerDescription> Layers,
    long ParameterCount,
    string FeatureScaling,
    int Epochs,
    string StopReason,
    double FinalTrainingLoss,
    double TrainingSeconds,
    IReadOnlyList<KeyValuePair<string, string>> TrainingOptions,
    string Summary)
{
    /// <summary>How many of <see cref="Layers"/> are dense layers (the last ones; the output layer included).</summary>
    public int DenseLayerCount { get; init; } = Layers.Count;
}
