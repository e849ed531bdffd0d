namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// The streamed run's validation split: row r (its position in the source) is held out when a hash of (r, seed) falls
/// below the fraction, so every pass, in any order and on any thread, holds out the same rows, without a list of them.
/// Not stratified: each class gives about the fraction of its rows.
/// </summary>
internal readonly struct HoldOut(float fraction, int seed)
{
    public float Fraction { get; } = fraction;
    public int Seed { get; } = seed;

    /// <summary>Whether the row at <paramref name="position"/> is held out.</summary>
    public bool IsHeldOut(long position) => Fraction > 0f && Unit(position) < Fraction;

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
