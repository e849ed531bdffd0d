using Microsoft.ML;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// Trains a multilayer perceptron for regression: a Single label (the target), a known-size vector of Single features, an optional
/// example-weight column. The result outputs <c>Score</c> (Single, the prediction in the label's units), as ML.NET's regression trainers do. Make it with <c>mlContext.Regression.Trainers.Mlp(...)</c> or
/// <c>new MlpRegressionTrainer(options)</c>; every option of <see cref="MlpOptionsBase"/> applies.
/// </summary>
public sealed partial class MlpRegressionTrainer : MlpTrainerBase
{
    /// <summary>A trainer with <paramref name="options"/> (checked now) that is not tied to an MLContext.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it, the rule and the value.</exception>
    public MlpRegressionTrainer(Options options) : this(null, options)
    {
    }

    /// <summary>A trainer with <paramref name="options"/> (checked now) whose log and, when Seed is null, seed come from <paramref name="mlContext"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range; the message names it, the rule and the value.</exception>
    public MlpRegressionTrainer(MLContext? mlContext, Options options) : this((IHostEnvironment?)mlContext, options)
    {
    }

    internal MlpRegressionTrainer(IHostEnvironment? environment, Options options) : base(environment, options)
    {
    }
}
