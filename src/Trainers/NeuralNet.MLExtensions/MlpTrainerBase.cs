using Microsoft.ML;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// What the three MLP trainers (<see cref="MlpTrainer"/> for multiclass, <see cref="MlpBinaryTrainer"/> and
/// <see cref="MlpRegressionTrainer"/>) have in common: the <c>Fit</c> overloads (with validation data and warm start),
/// the schema check and the trainer's information for ML.NET. Each trainer adds only its constructors and options; the
/// task follows from the options' type.
/// </summary>
public abstract class MlpTrainerBase : ITrainerEstimator<MlpPredictionTransformer, MlpModelParameters>
{
    private readonly MlpTrainerCore _core;

    private protected MlpTrainerBase(IHostEnvironment? environment, MlpOptionsBase options) => _core = new MlpTrainerCore(environment, options);

    /// <summary>What ML.NET may ask of this trainer: it normalises internally and reads the data into memory once.</summary>
    public TrainerInfo Info { get; } = MlNetInternals.CreateTrainerInfo(normalization: false, caching: false, supportValid: true, supportIncrementalTrain: true);

    /// <summary>The seed this trainer trains with.</summary>
    public int Seed => _core.Seed;

    /// <summary>Trains on <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type (the message names it and the fix), or
    /// HiddenLayerSizes with the data's features and outputs give more than <see cref="MlpLimits.MaxParameterCount"/> parameters.</exception>
    /// <exception cref="InvalidOperationException">No rows, a single class, or invalid rows (NaN features, missing labels) that are not to be skipped.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled (<see cref="MlpOptionsBase.CancellationToken"/> or <c>mlContext.CancelExecution()</c>).</exception>
    /// <exception cref="ArithmeticException">Training diverged: the loss or gradient became NaN or infinite, or the loss exploded to more than 1000 times the untrained network's; the message names the epoch.</exception>
    public MlpPredictionTransformer Fit(IDataView input) => Fit(input, validationData: null, modelParameters: null);

    /// <summary>
    /// Trains on <paramref name="trainData"/>, measuring <paramref name="validationData"/> (same schema) after every
    /// epoch: its loss and accuracy (or RMSE, for regression) go into the history, and early stopping and
    /// reduce-on-plateau watch them.
    /// </summary>
    public MlpPredictionTransformer Fit(IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return Fit(trainData, validationData, modelParameters: null);
    }

    /// <summary>
    /// Continues training <paramref name="modelParameters"/> (a model of this trainer's task) on
    /// <paramref name="trainData"/> for up to <see cref="MlpOptionsBase.MaximumNumberOfEpochs"/> more epochs: from its
    /// weights, its feature standardisation, its optimizer state, schedule and stopping watches
    /// (<see cref="MlpModelParameters.TrainingState"/>), with the same seed giving the same weights as one uninterrupted
    /// run (for CosineDecay and OneCycle, set <see cref="MlpOptionsBase.LearningRateScheduleEpochs"/> to the total in the
    /// first part). The features, classes, hidden layers and optimizer must match.
    /// </summary>
    public MlpPredictionTransformer Fit(IDataView trainData, MlpModelParameters modelParameters)
    {
        ArgumentNullException.ThrowIfNull(modelParameters);
        return Fit(trainData, validationData: null, modelParameters);
    }

    /// <summary>Trains with optional validation data, optionally continuing from <paramref name="modelParameters"/>.</summary>
    public MlpPredictionTransformer Fit(IDataView trainData, IDataView? validationData, MlpModelParameters? modelParameters) =>
        _core.Fit(trainData, validationData, modelParameters);

    /// <summary>The input schema followed by the task's score columns; checks the label, features and weight columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _core.GetOutputSchema(inputSchema);
}
