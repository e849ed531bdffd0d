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
public sealed partial class MlpBinaryTrainer : MlpTrainerBase
{
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

    internal MlpBinaryTrainer(IHostEnvironment? environment, Options options) : base(environment, options)
    {
    }
}
