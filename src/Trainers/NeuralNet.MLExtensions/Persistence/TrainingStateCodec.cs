using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// Writes and reads the <see cref="TrainingState"/> (format version 2 on), field by field in the order below: a
/// presence flag, epochs completed, the schedule's span (version 3), optimizer, step count, its state buffers (each one
/// float per parameter), reduce-on-plateau's rate and watch, the convergence watch, and from version 3 the
/// early-stopping watch and the untrained loss. A watch is its best value, its epoch (version 3) and its stale epochs.
/// Version 2 files load with an unknown span (the resumed run picks one), a fresh early-stopping watch and no untrained loss.
/// </summary>
internal static class TrainingStateCodec
{
    private const int MaxStateBuffers = 4;

    public static void Write(BinaryWriter w, TrainingState? state)
    {
        w.Write(state is null ? (byte)0 : (byte)1);
        if (state is null) return;
        w.Write(state.EpochsCompleted);
        w.Write(state.ScheduleEpochs);
        w.Write((byte)state.Optimizer);
        w.Write(state.OptimizerStepCount);
        w.Write(state.OptimizerState.Count);
        foreach (var buffer in state.OptimizerState)
        {
            w.Write(buffer.Length);
            foreach (float v in buffer) w.Write(v);
        }
        w.Write(state.PlateauLearningRate);
        WriteWatch(w, state.Plateau);
        WriteWatch(w, state.Convergence);
        WriteWatch(w, state.EarlyStopping);
        w.Write(state.InitialLoss);
    }

    public static TrainingState? Read(ref PayloadReader r, int parameterCount, ushort version)
    {
        byte present = r.ReadByte("training state flag");
        if (present > 1) throw new InvalidDataException($"MLP model is corrupt: training state flag is {present}, expected 0 or 1.");
        if (present == 0) return null;
        int epochs = r.ReadInt32("training state epochs completed", 0, int.MaxValue);
        int span = version >= 3 ? r.ReadInt32("training state schedule epochs", 0, int.MaxValue) : 0;
        byte optimizer = r.ReadByte("training state optimizer");
        if (!Enum.IsDefined(typeof(OptimizerKind), (int)optimizer))
            throw new InvalidDataException($"MLP model is corrupt: unknown optimizer code {optimizer} in the training state.");
        long steps = r.ReadInt64("training state optimizer step count");
        if (steps < 0) throw new InvalidDataException($"MLP model is corrupt: the training state's optimizer step count is {steps}.");
        int count = r.ReadInt32("training state optimizer buffer count", 0, MaxStateBuffers);
        var buffers = new float[count][];
        for (int i = 0; i < count; i++)
        {
            int length = r.ReadInt32($"training state optimizer buffer {i} length", parameterCount, parameterCount);
            if ((long)length * 4 > r.Remaining)
                throw new InvalidDataException($"MLP model is truncated or corrupt: optimizer buffer {i} needs {(long)length * 4} bytes but only {r.Remaining} remain.");
            buffers[i] = new float[length];
            r.ReadSingles(buffers[i], $"training state optimizer buffer {i}");
        }
        return new TrainingState
        {
            EpochsCompleted = epochs,
            ScheduleEpochs = span,
            Optimizer = (OptimizerKind)optimizer,
            OptimizerStepCount = steps,
            OptimizerState = buffers,
            PlateauLearningRate = r.ReadSingle("training state plateau learning rate"),
            Plateau = ReadWatch(ref r, "plateau", version),
            Convergence = ReadWatch(ref r, "convergence", version),
            EarlyStopping = version >= 3 ? ReadWatch(ref r, "early stopping", version) : new BestSoFar(double.NaN, 0, 0),
            InitialLoss = version >= 3 ? r.ReadDouble("training state initial loss") : double.NaN,
        };
    }

    private static void WriteWatch(BinaryWriter w, BestSoFar watch)
    {
        w.Write(watch.Value);
        w.Write(watch.Epoch);
        w.Write(watch.StaleEpochs);
    }

    private static BestSoFar ReadWatch(ref PayloadReader r, string name, ushort version) => new(
        r.ReadDouble($"training state {name} best value"),
        version >= 3 ? r.ReadInt32($"training state {name} best epoch", 0, int.MaxValue) : 0,
        r.ReadInt32($"training state {name} stale epochs", 0, int.MaxValue));
}
