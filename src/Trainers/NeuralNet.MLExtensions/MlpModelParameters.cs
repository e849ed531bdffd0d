using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// A trained MLP, read-only: its architecture, weights and biases per layer, the feature standardisation, the
/// classes, and what training did. <see cref="GetSummary"/> prints a one-screen overview.
/// </summary>
public sealed class MlpModelParameters
{
    internal MlpModelParameters(MlpNetwork network, FeatureStandardizer? standardizer, ClassLabels classes,
        IReadOnlyList<EpochReport> history, StopReason stopReason)
    {
        if (network.Architecture.ClassCount != classes.Count)
            throw new ArgumentException($"The network has {network.Architecture.ClassCount} outputs but there are {classes.Count} classes.");
        if (standardizer is not null && standardizer.FeatureCount != network.Architecture.InputSize)
            throw new ArgumentException($"The standardiser has {standardizer.FeatureCount} features but the network takes {network.Architecture.InputSize}.");
        Network = network;
        Standardizer = standardizer;
        Classes = classes;
        History = history;
        StopReason = stopReason;
    }

    /// <summary>The network (a read-only view; it expects standardised features when <see cref="Standardizer"/> is set).</summary>
    public MlpNetwork Network { get; }
    /// <summary>Layer sizes and activations.</summary>
    public MlpArchitecture Architecture => Network.Architecture;
    /// <summary>The feature standardisation fitted on the training data, or null when it was turned off.</summary>
    public FeatureStandardizer? Standardizer { get; }
    /// <summary>The classes, in the order of the Score slots.</summary>
    public ClassLabels Classes { get; }
    /// <summary>One report per training epoch.</summary>
    public IReadOnlyList<EpochReport> History { get; }
    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; }
    /// <summary>Number of features the model takes.</summary>
    public int FeatureCount => Network.Architecture.InputSize;

    /// <summary>Weights of dense layer <paramref name="layer"/> (0 = first hidden layer; the last is the output layer) as [out, in].</summary>
    public float[,] GetWeights(int layer) => Network.GetWeights(layer);
    /// <summary>Biases of dense layer <paramref name="layer"/>.</summary>
    public float[] GetBiases(int layer) => Network.GetBiases(layer);

    /// <summary>A text overview of the model: layers, shapes, activations and parameter counts, like Keras's summary.</summary>
    public string GetSummary() => ModelSummary.Format(this);

    /// <inheritdoc/>
    public override string ToString() => GetSummary();

    /// <summary>
    /// Writes the model alone (no ML.NET pipeline) in the library's model format: architecture, weights,
    /// standardisation, classes and history, framed with a magic value, a format version and a checksum.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Persistence.ModelSerializer.Write(stream, new Persistence.SavedModel("", this));
    }

    /// <summary>
    /// Writes the model alone to <paramref name="path"/>. The file is written to a temporary file beside it first and
    /// moved into place only when complete, so a failure leaves any existing file as it was.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                Save(stream);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Reads a model written by <see cref="Save(Stream)"/> (or the MLP part of an ML.NET model file).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid model; the message says what is wrong.</exception>
    public static MlpModelParameters Load(Stream stream) => Persistence.ModelSerializer.Read(stream).Model;

    /// <summary>Reads a model file written by <see cref="Save(string)"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid model; the message says what is wrong.</exception>
    public static MlpModelParameters Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>
    /// Class probabilities for one row of raw (unstandardised) features. features: [FeatureCount] → probabilities: [K].
    /// <paramref name="scratch"/> must hold FeatureCount values; it is overwritten.
    /// </summary>
    internal void Score(ReadOnlySpan<float> features, Span<float> probabilities, Span<float> scratch, ForwardWorkspace workspace, Engine.Kernels.ComputeContext context)
    {
        ReadOnlySpan<float> input = features;
        if (Standardizer is not null)
        {
            Standardizer.Apply(features, scratch);
            input = scratch[..FeatureCount];
        }
        Network.Forward(context, input, 1, workspace, probabilities, softmax: true);
    }
}
