using Microsoft.ML;
using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// A trained MLP, read-only: its architecture, weights and biases per layer, the feature standardisation, the
/// classes, and what training did. <see cref="GetSummary"/> prints a one-screen overview.
/// </summary>
/// <remarks>
/// Loading a pipeline with <c>mlContext.Model.Load</c>: ML.NET calls this library's loader by reflection, so a damaged
/// or unreadable MLP entry (checksum mismatch, truncation, a format version newer than this library reads) surfaces as
/// a <see cref="System.Reflection.TargetInvocationException"/> ("Exception has been thrown by the target of an
/// invocation"), nested. Its innermost exception, <c>e.GetBaseException()</c>, is the <see cref="InvalidDataException"/>
/// whose message says what is wrong ("checksum mismatch", "saved by a newer NeuralNet.MLExtensions; update the
/// library"). <see cref="Load(Stream)"/> and <see cref="Load(string)"/> throw that InvalidDataException directly.
/// </remarks>
public sealed class MlpModelParameters
{
    internal MlpModelParameters(MlpNetwork network, FeatureStandardizer? standardizer, ClassLabels classes,
        IReadOnlyList<EpochReport> history, StopReason stopReason, TrainingState? trainingState = null, int bestEpoch = 0,
        TargetStandardizer? targetStandardizer = null)
    {
        if ((network.Architecture.Task == MlpTask.Regression) != (targetStandardizer is not null))
            throw new ArgumentException("A regression model needs its target standardisation, and only a regression model has one.", nameof(targetStandardizer));
        if (network.Architecture.ClassCount != classes.Count)
            throw new ArgumentException($"The network has {network.Architecture.ClassCount} outputs but there are {classes.Count} classes.");
        if (standardizer is not null && standardizer.FeatureCount != network.Architecture.InputSize)
            throw new ArgumentException($"The standardiser has {standardizer.FeatureCount} features but the network takes {network.Architecture.InputSize}.");
        Network = network;
        TargetStandardizer = targetStandardizer;
        Standardizer = standardizer;
        Classes = classes;
        History = history;
        StopReason = stopReason;
        TrainingState = trainingState;
        BestEpoch = bestEpoch == 0 && history.Count > 0 ? history[^1].Epoch : bestEpoch;
    }

    /// <summary>The network (a read-only view; it expects scaled features when <see cref="Standardizer"/> is set).</summary>
    public MlpNetwork Network { get; }
    /// <summary>Layer sizes and activations.</summary>
    public MlpArchitecture Architecture => Network.Architecture;
    /// <summary>
    /// The feature scaling fitted on the training data (its <see cref="FeatureStandardizer.Kind"/> is Standard or
    /// Robust), or null when <see cref="MlpOptionsBase.FeatureScaling"/> was None.
    /// </summary>
    public FeatureStandardizer? Standardizer { get; }
    /// <summary>What the model predicts: classes (multiclass, binary) or a number (regression).</summary>
    public MlpTask Task => Network.Architecture.Task;
    /// <summary>Regression: the target's mean and scale (the network's output o predicts Mean + Scale·o); otherwise null.</summary>
    public TargetStandardizer? TargetStandardizer { get; }
    /// <summary>The classes, in the order of the Score slots (multiclass); false and true (binary); none (regression).</summary>
    public ClassLabels Classes { get; }
    /// <summary>
    /// One report per training epoch (after a warm start, the earlier epochs first): training loss, validation loss and
    /// accuracy, learning rate, global and per-layer gradient norms, wall time. <see cref="GetHistoryDataView"/> gives
    /// the same as an IDataView.
    /// </summary>
    public IReadOnlyList<EpochReport> History { get; }
    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; }
    /// <summary>The epoch whose weights the model holds: the last one, or the best one when early stopping restored it.</summary>
    public int BestEpoch { get; }
    /// <summary>
    /// What <c>MlpTrainer.Fit(trainData, modelParameters)</c> needs to continue training exactly: epoch count, optimizer
    /// state, schedule span and position, convergence and early-stopping watches. Null for a model saved in format 1,
    /// which continues with a fresh optimizer and schedule, numbering epochs on from its history.
    /// </summary>
    public TrainingState? TrainingState { get; }
    /// <summary>Number of features the model takes.</summary>
    public int FeatureCount => Network.Architecture.InputSize;

    /// <summary>Weights of dense layer <paramref name="layer"/> (0 = first hidden layer; the last is the output layer) as [out, in].</summary>
    public float[,] GetWeights(int layer) => Network.GetWeights(layer);
    /// <summary>Biases of dense layer <paramref name="layer"/>.</summary>
    public float[] GetBiases(int layer) => Network.GetBiases(layer);

    /// <summary>
    /// The training history as an IDataView with columns Epoch, TrainingLoss, ValidationLoss and ValidationAccuracy
    /// (NaN without validation data), LearningRate, GradientNorm, LayerGradientNorms (one slot per dense layer, first
    /// layer first), ElapsedSeconds and ValidationRmse (regression with validation data; NaN otherwise), for ML.NET's
    /// writers (e.g. <c>mlContext.Data.SaveAsText</c>).
    /// </summary>
    public IDataView GetHistoryDataView(MLContext mlContext) => TrainingHistoryView.Create(mlContext, History, Architecture.LayerCount);

    /// <summary>A text overview of the model: layers, shapes, activations and parameter counts, like Keras's summary.</summary>
    public string GetSummary() => ModelSummary.Format(this);

    /// <inheritdoc/>
    public override string ToString() => GetSummary();

    /// <summary>
    /// Writes the model alone (no ML.NET pipeline) in the library's model format: architecture, weights,
    /// standardisation, classes and history, framed with a magic value, a format version and a checksum.
    /// </summary>
    /// <exception cref="NotSupportedException">The model exceeds a limit of the format (for example more than 256 hidden
    /// layers, or a non-finite weight), so it could not be loaded again; nothing is written and the message says what to do.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Persistence.ModelSerializer.Write(stream, new Persistence.SavedModel("", this));
    }

    /// <summary>
    /// Writes the model alone to <paramref name="path"/>. The file is written to a temporary file beside it first and
    /// moved into place only when complete, so a failure leaves any existing file as it was; a symbolic link is
    /// followed to its target, and a device or pipe is written through, never replaced.
    /// </summary>
    /// <exception cref="NotSupportedException">The model exceeds a limit of the format; no file is written.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Files.AtomicFile.Write(path, Save);
    }

    /// <summary>
    /// Writes the network alone as an ONNX model (opset 12, standard operators only): input <c>Features</c>, a float
    /// tensor [N, <see cref="FeatureCount"/>] of raw features (standardised inside the graph); outputs as the ML.NET
    /// scorer's columns, named by ML.NET's converter with ".output": multiclass <c>Score.output</c> [N, K] class
    /// probabilities and <c>PredictedLabel.output</c> [N, 1] uint32 (1-based class index); binary <c>Score.output</c>
    /// (logit), <c>Probability.output</c> and <c>PredictedLabel.output</c> (bool), each [N, 1]; regression
    /// <c>Score.output</c> [N, 1] in the target's units. To export a whole pipeline use
    /// <c>mlContext.Model.ConvertToOnnx</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">The network holds a part with no ONNX export; the message names it.</exception>
    public void SaveAsOnnx(Stream stream) => Onnx.StandaloneOnnxExport.Write(this, stream);

    /// <summary>Writes the network alone as an ONNX model to <paramref name="path"/> (see <see cref="SaveAsOnnx(Stream)"/>), atomically.</summary>
    public void SaveAsOnnx(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Files.AtomicFile.Write(path, SaveAsOnnx);
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
}
