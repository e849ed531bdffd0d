namespace NeuralNet.MLExtensions;

public sealed partial class MlpTrainer
{
    /// <summary>Options of the multiclass MLP trainer: every shared option (<see cref="MlpOptionsBase"/>); the label is a key.</summary>
    public sealed class Options : MlpOptionsBase
    {
        internal override Engine.MlpTask Task => Engine.MlpTask.Multiclass;
    }
}
