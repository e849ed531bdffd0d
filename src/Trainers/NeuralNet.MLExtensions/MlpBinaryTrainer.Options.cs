namespace NeuralNet.MLExtensions;

public sealed partial class MlpBinaryTrainer
{
    /// <summary>
    /// Options of the binary MLP trainer: every shared option (<see cref="MlpOptionsBase"/>); the label is a Boolean.
    /// LabelSmoothing must stay 0; ClassWeighting applies to the two classes (false first).
    /// </summary>
    public sealed class Options : MlpOptionsBase
    {
        internal override Engine.MlpTask Task => Engine.MlpTask.Binary;
    }
}
