namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// The values a <see cref="MlpPreset"/> gives the options it governs; an option set explicitly overrides its preset
/// value. The two presets' values are <see cref="MlpDefaults.Tabular"/> and <see cref="MlpDefaults.Classic"/>.
/// </summary>
/// <param name="HiddenLayerSizes">Width of each hidden layer.</param>
/// <param name="BatchSize">Rows per mini-batch.</param>
/// <param name="MaximumNumberOfEpochs">Maximum passes over the data.</param>
/// <param name="LearningRate">Step size.</param>
/// <param name="Beta2">Adam's second-moment decay.</param>
/// <param name="ValidationFraction">Fraction of the training rows held out to pick the best epoch when <c>Fit</c> gets no validation data.</param>
/// <param name="RefitMaximumRows">Largest training set that trains again on all rows for the best epoch count after the held-out run.</param>
/// <param name="EarlyStoppingPatience">Epochs without validation improvement before stopping.</param>
/// <param name="EncodedEarlyStoppingPatience">The same for networks with piecewise-linear encodings; 0 for no difference.</param>
/// <param name="LabelSmoothing">Label smoothing ε (multiclass classification only).</param>
/// <param name="DropoutRates">Dropout rate of the hidden layers.</param>
/// <param name="EnsembleSize">Members of the parameter-efficient ensemble.</param>
/// <param name="LargeDataRows">Above this many training rows the preset trains a single network (its EnsembleSize does not apply) with batches of LargeDataBatchSize.</param>
/// <param name="LargeDataBatchSize">Rows per mini-batch above LargeDataRows training rows.</param>
/// <param name="NumericEmbedding">Numeric feature embeddings before the first dense layer.</param>
public sealed record MlpPresetValues(
    IReadOnlyList<int> HiddenLayerSizes,
    int BatchSize,
    int MaximumNumberOfEpochs,
    float LearningRate,
    float Beta2,
    float ValidationFraction,
    int RefitMaximumRows,
    int EarlyStoppingPatience,
    int EncodedEarlyStoppingPatience,
    float LabelSmoothing,
    IReadOnlyList<float> DropoutRates,
    int EnsembleSize,
    int LargeDataRows,
    int LargeDataBatchSize,
    NumericEmbeddingKind NumericEmbedding)
{
    /// <summary>The values of <paramref name="preset"/>.</summary>
    public static MlpPresetValues For(MlpPreset preset) => preset switch
    {
        MlpPreset.Classic => MlpDefaults.Classic,
        MlpPreset.Tabular => MlpDefaults.Tabular,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, $"Preset must be Tabular or Classic; got {preset}."),
    };
}
