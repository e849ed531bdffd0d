using Microsoft.ML;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// Trains a multilayer perceptron for binary: a Boolean label, a known-size vector of Single features, an optional
/// example-weight column. The result outputs <c>Score</c> (the logit), <c>Probability</c> (its sigmoid, the model's own calibrated probability) and <c>PredictedLabel</c> (Score &gt; 0), as ML.NET's binary trainers do. Make it with <c>mlContext.BinaryClassification.Trainers.Mlp(...)</c> or
/// <c>new MlpBinaryTrainer(options)</c>; every option of <see cref="MlpOptionsBase"/> applies.
/// </summary>
public sealed partial class MlpBinaryTrainer : ITrainerEstimator<MlpPredictionTransformer, MlpModelParameters>
{
    private readonly MlpTrainerCore _core;

    /// <summary>A trainer with <paramref name="options"/> (checked now) that is not tied to an MLContext.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it, the rule and the value.</exception>
    public MlpBinaryTrainer(Options options) : this(null, options)
    {
    }

    /// <summary>A trainer with <paramref name="options"/> (checked now) whose log and, when Seed is null, seed come from <paramref name="mlContext"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it, the rule and the value.</exception>
    public MlpBinaryTrainer(MLContext? mlContext, Options options) : this((IHostEnvironment?)mlContext, options)
    {
    }

    internal MlpBinaryTrainer(IHostEnvironment? environment, Options options) => _core = new MlpTrainerCore(environment, options);

    /// <summary>What ML.NET may ask of this trainer: it normalises internally and reads the data into memory once.</summary>
    public TrainerInfo Info { get; } = MlNetInternals.CreateTrainerInfo(normalization: false, caching: false, supportValid: true, supportIncrementalTrain: true);

    /// <summary>The seed this trainer trains with.</summary>
    public int Seed => _core.Seed;

    /// <summary>Trains on <paramref name="input"/>; the exceptions are those of <see cref="MlpTrainer.Fit(IDataView)"/>.</summary>
    public MlpPredictionTransformer Fit(IDataView input) => Fit(input, validationData: null, modelParameters: null);

    /// <summary>Trains on <paramref name="trainData"/>, measuring <paramref name="validationData"/> (same schema) after every epoch.</summary>
    public MlpPredictionTransformer Fit(IDataView trainData, IDataView validationData)
    {
        ArgumentNullException.ThrowIfNull(validationData);
        return Fit(trainData, validationData, modelParameters: null);
    }

    /// <summary>Continues training <paramref name="modelParameters"/> (a binary model) on <paramref name="trainData"/>, as <see cref="MlpTrainer.Fit(IDataView, MlpModelParameters)"/> does.</summary>
    public MlpPredictionTransformer Fit(IDataView trainData, MlpModelParameters modelParameters)
    {
        ArgumentNullException.ThrowIfNull(modelParameters);
        return Fit(trainData, validationData: null, modelParameters);
    }

    /// <summary>Trains with optional validation data, optionally continuing from <paramref name="modelParameters"/>.</summary>
    public MlpPredictionTransformer Fit(IDataView trainData, IDataView? validationData, MlpModelParameters? modelParameters) =>
        _core.Fit(trainData, validationData, modelParameters);

    /// <summary>The input schema followed by the binary score columns; checks the label, features and weight columns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _core.GetOutputSchema(inputSchema);
}
