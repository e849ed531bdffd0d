namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>The training loss of a network's task: softmax cross-entropy, logistic or regression loss.</summary>
internal static class TaskLoss
{
    /// <summary>
    /// The loss for <paramref name="architecture"/>'s task with <paramref name="settings"/>' loss options. An ensemble
    /// trains on the mean of its members' losses (<see cref="EnsembleLoss"/>); validation measures its mean prediction,
    /// which scoring has already combined, with the task's own loss.
    /// </summary>
    public static ILoss Create(MlpArchitecture architecture, MlpTrainingSettings settings, int batchCapacity, bool forValidation = false)
    {
        int k = architecture.EnsembleSize;
        if (forValidation || k == 1) return ForTask(architecture, settings, batchCapacity, forValidation);
        return new EnsembleLoss(ForTask(architecture, settings, Modules.BufferSize.Of(batchCapacity, k, "Member rows of a mini-batch"), forValidation), k, batchCapacity);
    }

    private static ILoss ForTask(MlpArchitecture architecture, MlpTrainingSettings settings, int batchCapacity, bool forValidation) =>
        architecture.Task switch
        {
            MlpTask.Multiclass => new SoftmaxCrossEntropyLoss(architecture.ClassCount, batchCapacity, forValidation ? 0f : settings.LabelSmoothing),
            MlpTask.Binary => new LogisticLoss(batchCapacity),
            MlpTask.Regression => RegressionLoss.For(settings, batchCapacity),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture.Task, "Unknown task."),
        };
}
