using Microsoft.ML;
using NeuralNet.MLExtensions;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.Cli.Tasks;

/// <summary>The MLP inside a fitted or loaded pipeline: its task and what training did.</summary>
internal static class TrainedMlp
{
    public static MlpModelParameters? Find(ITransformer model) => Flatten(model).OfType<MlpPredictionTransformer>().FirstOrDefault()?.Model;

    /// <summary>The saved model's task; multiclass for a pipeline without an MLP (the scorer then decides).</summary>
    public static MlpTask TaskOf(ITransformer model) => Find(model)?.Task ?? MlpTask.Multiclass;

    /// <summary>Why training stopped, in the words the report uses.</summary>
    public static string StopReason(MlpModelParameters model) => model.StopReason switch
    {
        MLExtensions.Engine.StopReason.TrainingLossConverged => "training loss converged",
        MLExtensions.Engine.StopReason.MaximumEpochsReached => "maximum number of epochs reached",
        var other => other.ToString(),
    };

    public static double? Seconds(MlpModelParameters? model) => model is { History.Count: > 0 } ? model.History[^1].Elapsed.TotalSeconds : null;

    private static IEnumerable<ITransformer> Flatten(ITransformer model) =>
        model is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [model];
}
