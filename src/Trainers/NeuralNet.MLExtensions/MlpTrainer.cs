using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// Trains a multilayer perceptron for multiclass classification: a key-typed label, a known-size vector of Single
/// features, an optional example-weight column. The result scores like ML.NET's own multiclass trainers
/// (<c>Score</c>, <c>PredictedLabel</c>). Make it with <c>mlContext.MulticlassClassification.Trainers.Mlp(...)</c>
/// or directly with <c>new MlpTrainer(options)</c>. <see cref="MlpBinaryTrainer"/> and <see cref="MlpRegressionTrainer"/>
/// are its binary and regression siblings, with the same options (<see cref="MlpOptionsBase"/>).
/// </summary>
public sealed partial class MlpTrainer : ITrainerEstimator<MlpPredictionTransformer, MlpModelParameters>
{
    private readonly MlpTrainerCore _core;

    /// <summary>A trainer with <paramref name="options"/> (checked now) that is not tied to an MLContext.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it, the rule and the value.</exception>
    /// <exception cref="ArgumentNullException">A list option (HiddenLayerSizes, Activation, DropoutRates) is null.</exception>
    public MlpTrainer(Options options) : this(null, options)
    {
    }

    /// <summary>
    /// A trainer with <paramref name="options"/> (checked now) whose log and, when <see cref="MlpOptionsBase.Seed"/> is null,
    /// seed come from <paramref name="mlContext"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it, the rule and the value.</exception>
    public MlpTrainer(MLContext? mlContext, Options options) : this((IHostEnvironment?)mlContext, options)
    {
    }

    internal MlpTrainer(IHostEnvironment? environment, Options options) => _core = new MlpTrainerCore(environment, options);

    /// <summary>What ML.NET may ask of this trainer: it normalises internally and reads the data into memory once.</summary>
    public TrainerInfo Info { get; } = MlNetInternals.CreateTrainerInfo(normalization: false, caching: false, supportValid: true, supportIncrementalTrain: true);

    /// <summary>The seed this trainer trains with.</summary>
    public int Seed => _core.Seed;

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type (the message names it and the fix), or
    /// HiddenLayerSizes with the data's features and classes give more than <see cref="MlpLimits.MaxParameterCount"/> parameters.</exception>
    /// <exception cref="InvalidOperationException">No rows, a single class, or invalid rows (NaN features, missing labels) that are not to be skipped.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled (<see cref="MlpOptionsBase.CancellationToken"/> or <c>mlContext.CancelExecution()</c>).</exception>
    /// <exception cref="ArithmeticException">Training diverged: the loss or gradient became NaN or infinite, or the loss exploded to more than 1000 times the untrained network's; the message names the epoch.</exception>
    public MlpPredictionTransformer Fit(IDataView input) => Fit(input, validationData: null, modelParameters: null);

    /// <summary>
    /// Trains on <paramref name="trainData"/>, measuring <paramref name="validationData"/> (same schema) after every
    /// epoch: the loss and accuracy go into the history, and early stopping and reduce-on-plateau watch them.
    /// </summary>
    public MlpPredictionTransformer Fit(IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return Fit(trainData, validationData, modelParameters: null);
    }

    /// <summary>
    /// Continues training <paramref name="modelParameters"/> on <paramref name="trainData"/> for up to
    /// <see cref="MlpOptionsBase.MaximumNumberOfEpochs"/> more epochs: from its weights, its feature standardisation, its
    /// optimizer state, schedule and stopping watches (<see cref="MlpModelParameters.TrainingState"/>), with the same seed
    /// giving the same weights as one uninterrupted run (for CosineDecay and OneCycle, set
    /// <see cref="MlpOptionsBase.LearningRateScheduleEpochs"/> to the total in the first part). The features, classes, hidden
    /// layers and optimizer must match.
    /// </summary>
    public MlpPredictionTransformer Fit(IDataView trainData, MlpModelParameters modelParameters)
    {
        ArgumentNullException.ThrowIfNull(modelParameters);
        return Fit(trainData, validationData: null, modelParameters);
    }

    /// <summary>Trains with optional validation data, optionally continuing from <paramref name="modelParameters"/>.</summary>
    public MlpPredictionTransformer Fit(IDataView trainData, IDataView? validationData, MlpModelParameters? modelParameters) =>
        _core.Fit(trainData, validationData, modelParameters);

    /// <summary>The input schema followed by Score and PredictedLabel; checks the label, features and weight columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _core.GetOutputSchema(inputSchema);
}
