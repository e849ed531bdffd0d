using NeuralNet.MLExtensions.Engine.Settings;
using static NeuralNet.MLExtensions.Engine.Settings.SettingRules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>The task settings: what the network predicts and, for regression, its loss.</summary>
public sealed partial class MlpTrainingSettings
{
    /// <summary>What the network predicts: multiclass (labels 0..K−1), binary (labels 0 and 1) or regression (float targets).</summary>
    public MlpTask Task { get; init; } = MlpDefaults.Task;
    /// <summary>Regression only: squared (default) or Huber loss on the standardised target.</summary>
    public RegressionLossKind RegressionLoss { get; init; } = MlpDefaults.RegressionLoss;
    /// <summary>Regression with Huber loss: the threshold δ in standard deviations of the target, positive and finite.</summary>
    public float HuberDelta { get; init; } = MlpDefaults.HuberDelta;

    private SettingError? FindTaskError() =>
        Defined(nameof(Task), Task)
        ?? Defined(nameof(RegressionLoss), RegressionLoss)
        ?? (HuberDelta > 0f && float.IsFinite(HuberDelta) ? null : Fail(nameof(HuberDelta), HuberDelta, $"must be positive and finite; got {HuberDelta}."))
        ?? (Task == MlpTask.Regression || RegressionLoss == RegressionLossKind.Squared ? null
            : Fail(nameof(RegressionLoss), RegressionLoss, $"applies to regression only; got {RegressionLoss} with {SettingError.Prefix}{nameof(Task)} {Task}."))
        ?? (Task == MlpTask.Multiclass || LabelSmoothing == 0f ? null
            : Fail(nameof(LabelSmoothing), LabelSmoothing, $"applies to multiclass classification only and must be 0 for {Task}; got {LabelSmoothing}."))
        ?? (Task != MlpTask.Regression || ClassWeighting == ClassWeighting.None ? null
            : Fail(nameof(ClassWeighting), ClassWeighting, $"must be None for regression, which has no classes; got {ClassWeighting}. Use example weights instead."))
        ?? (Task != MlpTask.Regression || EarlyStoppingMetric != EarlyStoppingMetric.ValidationAccuracy ? null
            : Fail(nameof(EarlyStoppingMetric), EarlyStoppingMetric, $"cannot be ValidationAccuracy for regression, which has no accuracy; got {EarlyStoppingMetric}. Use ValidationLoss."));
}
