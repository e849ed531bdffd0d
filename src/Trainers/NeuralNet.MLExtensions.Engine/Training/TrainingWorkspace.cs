namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Every buffer one training run needs, allocated once for the largest mini-batch: the gathered batch, each layer's
/// pre-activations z and activations a, the probabilities, two error-signal buffers used in turn, and the gradients.
/// </summary>
internal sealed class TrainingWorkspace
{
    public TrainingWorkspace(MlpArchitecture architecture, int batchCapacity)
    {
        int layers = architecture.LayerCount;
        Input = new float[batchCapacity * architecture.InputSize];
        Labels = new int[batchCapacity];
        Weights = new float[batchCapacity];
        Z = new float[layers][];
        A = new float[layers][];
        int widest = architecture.InputSize;
        for (int l = 0; l < layers; l++)
        {
            int width = architecture.LayerOutputSize(l);
            widest = Math.Max(widest, width);
            Z[l] = new float[batchCapacity * width];
            // Identity layers (the logits among them) keep a = z.
            A[l] = architecture.LayerActivation(l) == Activation.Identity ? Z[l] : new float[batchCapacity * width];
        }
        Probabilities = new float[batchCapacity * architecture.ClassCount];
        DeltaA = new float[batchCapacity * widest];
        DeltaB = new float[batchCapacity * widest];
        Gradients = new float[architecture.ParameterCount];
    }

    public float[] Input { get; }
    public int[] Labels { get; }
    public float[] Weights { get; }
    public float[][] Z { get; }
    public float[][] A { get; }
    public float[] Probabilities { get; }
    public float[] DeltaA { get; }
    public float[] DeltaB { get; }
    public float[] Gradients { get; }
}
