namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>The training loss of a network's task: softmax cross-entropy, logistic or regression loss.</summary>
internal static class TaskLoss
{
    /// <summary>The loss for <paramref name="architecture"/>'s task with <paramref name="settings"/>' loss options.</summary>
    public static ILoss Create(MlpArchitecture architecture, MlpTrainingSettings settings, int batchCapacity, bool forValidation = false) =>
        architecture.Task switch
        {
            MlpTask.Multiclass => new SoftmaxCrossEntropyLoss(architecture.ClassCount, batchCapacity, forValidation ? 0f : settings.LabelSmoothing),
            MlpTask.Binary => new LogisticLoss(batchCapacity),
            MlpTask.Regression => RegressionLoss.For(settings, batchCapacity),
            _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture.Task, "Unknown task."),
        };
}
