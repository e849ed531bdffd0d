using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// The saved ensemble fields, one delimited block from format 5, after the class count (the architecture needs it
/// before the parameters are read): the block's length in bytes (an int, 4 today), then the ensemble size k (an int
/// in 1..<see cref="ModelLimits.MaxEnsembleSize"/>). Files of versions 1 to 4 have no block and load as k = 1, a
/// single network. The members' scales and heads are ordinary parameters (see <see cref="MlpNetwork"/>).
/// </summary>
internal static class EnsembleCodec
{
    private const int BlockBytes = 4;

    public static void Write(BinaryWriter w, MlpArchitecture architecture)
    {
        w.Write(BlockBytes);
        w.Write(architecture.EnsembleSize);
    }

    /// <summary>The ensemble size of a file of <paramref name="version"/>: 1 before version 5.</summary>
    public static int Read(ref PayloadReader r, ushort version)
    {
        if (version < 5) return 1;
        int length = r.ReadInt32("ensemble block length", BlockBytes, BlockBytes);
        return r.ReadInt32($"ensemble size ({length}-byte block)", 1, ModelLimits.MaxEnsembleSize);
    }
}
