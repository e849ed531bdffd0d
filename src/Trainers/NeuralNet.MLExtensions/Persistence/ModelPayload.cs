using NeuralNet.MLExtensions.Engine;
using static NeuralNet.MLExtensions.Persistence.ModelLimits;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// The fields of a saved model, written and read side by side:
/// features column name; input size; hidden layer count, then each layer's size and activation code; class count;
/// standardisation flag, means and scales; class key values; parameter count and parameters; stop reason; history
/// (from version 2 with validation loss and accuracy); from version 2, the best epoch and the training state
/// (<see cref="TrainingStateCodec"/>; version 3 adds the schedule's span and the early-stopping and divergence watches).
/// Version 4 adds the task (a byte after the hidden layers; earlier files are multiclass), the regression target's
/// mean and scale (doubles, after the feature standardisation, regression only) and each epoch's validation RMSE
/// (flag bit 4 in the history). Version 5 adds, after the class count, the ensemble block (<see cref="EnsembleCodec"/>) and the
/// input stage (<see cref="InputEmbeddingCodec"/>; its parameters follow the biases in the parameter vector), and writes the
/// feature scaling's kind (None, Standard or Robust) where the standardisation flag was (<see cref="FeatureScalingCodec"/>).
/// Version 6 lets the input stage hold piecewise-linear encodings.
/// Every count is checked against the limits of <see cref="ModelLimits"/> and against the bytes left before anything is allocated.
/// </summary>
internal static class ModelPayload
{
    public static byte[] Write(SavedModel saved)
    {
        var model = saved.Model;
        var a = model.Architecture;
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            KeyValueCodec.WriteString(w, saved.FeatureColumnName);
            w.Write(a.InputSize);
            w.Write(a.HiddenLayerSizes.Count);
            for (int i = 0; i < a.HiddenLayerSizes.Count; i++)
            {
                w.Write(a.HiddenLayerSizes[i]);
                w.Write((byte)a.HiddenActivations[i]);
            }
            w.Write((byte)a.Task);
            w.Write(a.ClassCount);
            EnsembleCodec.Write(w, a);
            InputEmbeddingCodec.Write(w, a.Embedding);
            FeatureScalingCodec.Write(w, model.Standardizer);
            if (model.TargetStandardizer is { } target)
            {
                w.Write(target.Mean);
                w.Write(target.Scale);
            }
            KeyValueCodec.Write(w, model.Classes);
            var parameters = model.Network.Parameters;
            w.Write((long)parameters.Length);
            foreach (float v in parameters) w.Write(v);
            w.Write((byte)model.StopReason);
            w.Write(model.History.Count);
            foreach (var e in model.History)
            {
                w.Write(e.Epoch);
                w.Write(e.TrainingLoss);
                w.Write(e.LearningRate);
                w.Write(e.GradientNorm);
                w.Write(e.LayerGradientNorms.Count);
                foreach (double n in e.LayerGradientNorms) w.Write(n);
                w.Write(e.Elapsed.Ticks);
                w.Write((byte)((e.ValidationLoss is null ? 0 : 1) | (e.ValidationAccuracy is null ? 0 : 2) | (e.ValidationRmse is null ? 0 : 4)));
                if (e.ValidationLoss is double loss) w.Write(loss);
                if (e.ValidationAccuracy is double accuracy) w.Write(accuracy);
                if (e.ValidationRmse is double rmse) w.Write(rmse);
            }
            w.Write(model.BestEpoch);
            TrainingStateCodec.Write(w, model.TrainingState);
        }
        return buffer.ToArray();
    }

    public static SavedModel Read(byte[] payload, ushort version)
    {
        var r = new PayloadReader(payload);
        string featureColumn = r.ReadString("features column name", MaxTextBytes);
        int inputSize = r.ReadInt32("input size", 1, MaxInputSize);
        int hiddenCount = r.ReadInt32("hidden layer count", 0, MaxHiddenLayers);
        var sizes = new int[hiddenCount];
        var activations = new Activation[hiddenCount];
        for (int i = 0; i < hiddenCount; i++)
        {
            sizes[i] = r.ReadInt32($"size of hidden layer {i}", 1, MaxLayerSize);
            byte code = r.ReadByte($"activation of hidden layer {i}");
            if (!Enum.IsDefined(typeof(Activation), (int)code))
                throw new InvalidDataException($"MLP model is corrupt: unknown activation code {code} in hidden layer {i}.");
            activations[i] = (Activation)code;
        }
        var task = MlpTask.Multiclass;
        if (version >= 4)
        {
            byte taskCode = r.ReadByte("task");
            if (!Enum.IsDefined(typeof(MlpTask), (int)taskCode))
                throw new InvalidDataException($"MLP model is corrupt: unknown task code {taskCode}.");
            task = (MlpTask)taskCode;
        }
        int classCount = task switch
        {
            MlpTask.Binary => r.ReadInt32("class count", 2, 2),
            MlpTask.Regression => r.ReadInt32("class count", 0, 0),
            _ => r.ReadInt32("class count", 2, MaxClasses),
        };
        int ensembleSize = EnsembleCodec.Read(ref r, version);
        var embedding = version >= 5 ? InputEmbeddingCodec.Read(ref r, inputSize, version) : null;
        var architecture = new MlpArchitecture(inputSize, sizes, activations, task, classCount) { EnsembleSize = ensembleSize, Embedding = embedding };

        var standardizer = FeatureScalingCodec.Read(ref r, inputSize, version);
        TargetStandardizer? target = null;
        if (task == MlpTask.Regression)
        {
            double mean = r.ReadDouble("target mean"), scale = r.ReadDouble("target scale");
            if (!double.IsFinite(mean) || !double.IsFinite(scale) || scale <= 0)
                throw new InvalidDataException($"MLP model is corrupt: the target has mean {mean} and scale {scale}; both must be finite and the scale positive.");
            target = new TargetStandardizer(mean, scale);
        }

        var classes = KeyValueCodec.Read(ref r, classCount);

        long parameterCount = r.ReadInt64("parameter count");
        if (parameterCount != architecture.ParameterCount)
            throw new InvalidDataException($"MLP model is corrupt: it declares {parameterCount} parameters but architecture {architecture} has {architecture.ParameterCount}.");
        if (parameterCount * 4 > r.Remaining)
            throw new InvalidDataException($"MLP model is truncated or corrupt: {parameterCount} parameters need {parameterCount * 4} bytes but only {r.Remaining} remain.");
        var parameters = new float[parameterCount];
        r.ReadSingles(parameters, "parameters");
        for (int i = 0; i < parameters.Length; i++)
            if (!float.IsFinite(parameters[i]))
                throw new InvalidDataException($"MLP model is corrupt: parameter {i} is {parameters[i]}.");

        byte stop = r.ReadByte("stop reason");
        if (!Enum.IsDefined(typeof(StopReason), (int)stop))
            throw new InvalidDataException($"MLP model is corrupt: unknown stop reason code {stop}.");

        int historyCount = r.ReadInt32("history length", 0, MaxHistory);
        var history = new List<EpochReport>(Math.Min(historyCount, r.Remaining / 36 + 1));
        for (int i = 0; i < historyCount; i++)
        {
            int epoch = r.ReadInt32($"history {i} epoch");
            double loss = r.ReadDouble($"history {i} training loss");
            float rate = r.ReadSingle($"history {i} learning rate");
            double norm = r.ReadDouble($"history {i} gradient norm");
            int layers = r.ReadInt32($"history {i} layer count", 0, MaxHiddenLayers + 1);
            var norms = new double[layers];
            for (int l = 0; l < layers; l++) norms[l] = r.ReadDouble($"history {i} layer {l} gradient norm");
            long ticks = r.ReadInt64($"history {i} elapsed time");
            if (ticks < 0) throw new InvalidDataException($"MLP model is corrupt: history {i} has a negative elapsed time.");
            double? validationLoss = null, validationAccuracy = null, validationRmse = null;
            if (version >= 2)
            {
                byte present = r.ReadByte($"history {i} validation flags");
                int highest = version >= 4 ? 7 : 3;
                if (present > highest) throw new InvalidDataException($"MLP model is corrupt: history {i} validation flags are {present}, expected 0 to {highest}.");
                if ((present & 1) != 0) validationLoss = r.ReadDouble($"history {i} validation loss");
                if ((present & 2) != 0) validationAccuracy = r.ReadDouble($"history {i} validation accuracy");
                if ((present & 4) != 0) validationRmse = r.ReadDouble($"history {i} validation RMSE");
            }
            history.Add(new EpochReport(epoch, loss, rate, norm, norms, TimeSpan.FromTicks(ticks))
            {
                ValidationLoss = validationLoss,
                ValidationAccuracy = validationAccuracy,
                ValidationRmse = validationRmse,
            });
        }
        int bestEpoch = 0;
        TrainingState? trainingState = null;
        if (version >= 2)
        {
            bestEpoch = r.ReadInt32("best epoch", 0, int.MaxValue);
            trainingState = TrainingStateCodec.Read(ref r, parameters.Length, version);
        }
        r.ExpectEnd();

        var network = new MlpNetwork(architecture, parameters, copy: false);
        return new SavedModel(featureColumn, new MlpModelParameters(network, standardizer, classes, history, (StopReason)stop, trainingState, bestEpoch, target));
    }
}
