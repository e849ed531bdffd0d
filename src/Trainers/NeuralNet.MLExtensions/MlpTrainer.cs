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
public sealed partial class MlpTrainer : MlpTrainerBase
{
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

    internal MlpTrainer(IHostEnvironment? environment, Options options) : base(environment, options)
    {
    }
}
