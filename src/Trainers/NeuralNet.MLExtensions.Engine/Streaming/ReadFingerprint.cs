namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// What one read of a streamed source gave, in constant memory: the rows, and a hash of every row's position, label,
/// example weight, target and features, summed over the rows. The first pass records it and every epoch's read must
/// give the same, so a source that skips other rows than the first pass did (a row invalid in one read and not in
/// another), drops, adds, reorders or changes rows is refused instead of trained on silently. The position enters each
/// row's hash, so rows that trade places change the sum; two reads agree by chance with probability about 2^−64.
/// </summary>
internal struct ReadFingerprint : IEquatable<ReadFingerprint>
{
    private ulong _hash;

    /// <summary>Rows seen.</summary>
    public long Rows { get; private set; }

    /// <summary>Adds the row at <paramref name="position"/>: features [d], label, weight and target as the block holds them.</summary>
    public void Add(long position, ReadOnlySpan<float> features, int label, float weight, float target)
    {
        ulong h = Mix((ulong)position * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)label);
        h = Mix(h ^ ((ulong)Bits(weight) << 32 | Bits(target)));
        foreach (float value in features) h = (h ^ Bits(value)) * 0x100000001B3UL;   // FNV-1a's step, one value at a time
        _hash += Mix(h);
        Rows++;
    }

    public readonly bool Equals(ReadFingerprint other) => Rows == other.Rows && _hash == other._hash;
    public override readonly bool Equals(object? obj) => obj is ReadFingerprint other && Equals(other);
    public override readonly int GetHashCode() => HashCode.Combine(Rows, _hash);

    private static uint Bits(float value) => (uint)BitConverter.SingleToInt32Bits(value);

    // SplitMix64's finaliser.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
