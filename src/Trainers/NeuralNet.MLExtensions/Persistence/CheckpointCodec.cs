using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// Writes and reads the warm-start checkpoint (format version 2 on): a presence flag, epochs completed, optimizer,
/// step count, its state buffers (each one float per parameter), and the reduce-on-plateau and convergence state.
/// </summary>
internal static class CheckpointCodec
{
    private const int MaxStateBuffers = 4;

    public static void Write(BinaryWriter w, TrainingCheckpoint? checkpoint)
    {
        w.Write(checkpoint is null ? (byte)0 : (byte)1);
        if (checkpoint is null) return;
        w.Write(checkpoint.EpochsCompleted);
        w.Write((byte)checkpoint.Optimizer);
        w.Write(checkpoint.OptimizerStepCount);
        w.Write(checkpoint.OptimizerState.Count);
        foreach (var buffer in checkpoint.OptimizerState)
        {
            w.Write(buffer.Length);
            foreach (float v in buffer) w.Write(v);
        }
        w.Write(checkpoint.PlateauLearningRate);
        w.Write(checkpoint.PlateauBestLoss);
        w.Write(checkpoint.PlateauStaleEpochs);
        w.Write(checkpoint.ConvergenceBestLoss);
        w.Write(checkpoint.ConvergenceStaleEpochs);
    }

    public static TrainingCheckpoint? Read(ref PayloadReader r, int parameterCount)
    {
        byte present = r.ReadByte("checkpoint flag");
        if (present > 1) throw new InvalidDataException($"MLP model is corrupt: checkpoint flag is {present}, expected 0 or 1.");
        if (present == 0) return null;
        int epochs = r.ReadInt32("checkpoint epochs completed", 0, int.MaxValue);
        byte optimizer = r.ReadByte("checkpoint optimizer");
        if (!Enum.IsDefined(typeof(OptimizerKind), (int)optimizer))
            throw new InvalidDataException($"MLP model is corrupt: unknown optimizer code {optimizer} in the checkpoint.");
        long steps = r.ReadInt64("checkpoint optimizer step count");
        if (steps < 0) throw new InvalidDataException($"MLP model is corrupt: the checkpoint's optimizer step count is {steps}.");
        int count = r.ReadInt32("checkpoint optimizer state buffer count", 0, MaxStateBuffers);
        var state = new float[count][];
        for (int i = 0; i < count; i++)
        {
            int length = r.ReadInt32($"checkpoint optimizer state buffer {i} length", parameterCount, parameterCount);
            if ((long)length * 4 > r.Remaining)
                throw new InvalidDataException($"MLP model is truncated or corrupt: optimizer state buffer {i} needs {(long)length * 4} bytes but only {r.Remaining} remain.");
            state[i] = new float[length];
            r.ReadSingles(state[i], $"checkpoint optimizer state buffer {i}");
        }
        float plateauRate = r.ReadSingle("checkpoint plateau learning rate");
        double plateauBest = r.ReadDouble("checkpoint plateau best loss");
        int plateauStale = r.ReadInt32("checkpoint plateau stale epochs", 0, int.MaxValue);
        double convergenceBest = r.ReadDouble("checkpoint convergence best loss");
        int convergenceStale = r.ReadInt32("checkpoint convergence stale epochs", 0, int.MaxValue);
        return new TrainingCheckpoint(epochs, (OptimizerKind)optimizer, steps, state, plateauRate, plateauBest, plateauStale, convergenceBest, convergenceStale);
    }
}
