namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// The streamed run's validation split: row r (its position in the source) is drawn when a hash of (r, seed) falls
/// below the fraction, so every pass, in any order and on any thread, draws the same rows, without a list of them.
/// The first <see cref="MaximumRows"/> drawn rows in source order are held out (the validation rows kept in memory);
/// rows drawn after them are trained on, so no row is left out of both. The first pass counts the rows held so far
/// (<see cref="Holds"/>) and records the position of the last one it held; later passes hold out the drawn rows up to
/// that position (<see cref="IsKept"/>), which does not depend on the order they read the rows in. Not stratified:
/// each class gives about the fraction of its rows.
/// </summary>
internal readonly struct HoldOut(float fraction, int seed, long maximumRows = long.MaxValue)
{
    public float Fraction { get; } = fraction;
    public int Seed { get; } = seed;
    /// <summary>Rows held out at most (<see cref="StreamingDefaults.ValidationRowsFor"/>).</summary>
    public long MaximumRows { get; } = maximumRows;

    /// <summary>The position of the last row the first pass held out (every drawn row up to it is held out).</summary>
    public long LastHeldPosition { get; init; } = long.MaxValue;

    /// <summary>Whether the row at <paramref name="position"/> is one the first pass held out, in a pass of any order.</summary>
    public bool IsKept(long position) => position <= LastHeldPosition && IsHeldOut(position);

    /// <summary>Whether the row at <paramref name="position"/> is drawn by the hash (held out unless the cap is reached).</summary>
    public bool IsHeldOut(long position) => Fraction > 0f && Unit(position) < Fraction;

    /// <summary>
    /// Whether the row at <paramref name="position"/> is held out, given <paramref name="held"/> rows held out before it
    /// in this pass (counted up when it is).
    /// </summary>
    public bool Holds(long position, ref long held)
    {
        if (held >= MaximumRows || !IsHeldOut(position)) return false;
        held++;
        return true;
    }

    // SplitMix64's finaliser over (position, seed), mapped to [0, 1) with 53 bits.
    private double Unit(long position)
    {
        ulong z = (ulong)position * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)Seed << 32 | 0x5851F42DUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
