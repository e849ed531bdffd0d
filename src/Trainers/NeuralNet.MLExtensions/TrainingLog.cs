using System.Globalization;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>The trainer's lines on <c>mlContext.Log</c>: one per epoch and one saying why training stopped.</summary>
internal static class TrainingLog
{
    public static string Epoch(EpochReport report, int lastEpoch) =>
        FormattableString.Invariant($"Mlp: epoch {report.Epoch}/{lastEpoch}: training loss {report.TrainingLoss:F6}") +
        (report.ValidationLoss is double loss ? FormattableString.Invariant($", validation loss {loss:F6}, validation accuracy {report.ValidationAccuracy:F4}") : "") +
        FormattableString.Invariant($", learning rate {report.LearningRate:G4}, gradient norm {report.GradientNorm:G4}, {report.Elapsed.TotalSeconds:F2} s");

    public static string Stop(MlpTrainingResult result, MlpOptionsBase options)
    {
        string stop = Reason(result, options);
        return result.StopReason != StopReason.EarlyStopping && result.History.Count > 0 && result.BestEpoch != result.History[^1].Epoch
            ? stop + FormattableString.Invariant($" The model has the weights of epoch {result.BestEpoch}, the best on the validation data.")
            : stop;
    }

    private static string Reason(MlpTrainingResult result, MlpOptionsBase options) => result.StopReason switch
    {
        StopReason.TrainingLossConverged => string.Create(CultureInfo.InvariantCulture,
            $"Mlp: stopped after {result.Epochs} epochs: the training loss improved by less than {options.ConvergenceTolerance} for {options.ConvergencePatience} epochs."),
        StopReason.EarlyStopping => string.Create(CultureInfo.InvariantCulture,
            $"Mlp: stopped early after epoch {result.History[^1].Epoch}: the validation {(options.EarlyStoppingMetric == EarlyStoppingMetric.ValidationAccuracy ? "accuracy" : "loss")} did not improve by more than {options.EarlyStoppingMinimumImprovement} for {options.ToSettings(0).EarlyStoppingPatienceFor(result.Network.Architecture)} epochs; the model has the weights of epoch {result.BestEpoch}."),
        _ => $"Mlp: stopped after the maximum of {result.Epochs} epochs.",
    };
}
