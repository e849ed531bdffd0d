using System.Runtime.InteropServices;

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
        _hash += Mix(h ^ Features(features));
        Rows++;
    }

    public readonly bool Equals(ReadFingerprint other) => Rows == other.Rows && _hash == other._hash;
    public override readonly bool Equals(object? obj) => obj is ReadFingerprint other && Equals(other);
    public override readonly int GetHashCode() => HashCode.Combine(Rows, _hash);

    // The features' bits, two values a word, in four independent multiply chains (FNV-1a's step) so the hash keeps up
    // with the statistics; the lanes and the odd value at the end are mixed together.
    private static ulong Features(ReadOnlySpan<float> features)
    {
        const ulong Prime = 0x100000001B3UL;
        var words = MemoryMarshal.Cast<float, ulong>(features);
        ulong a = 1, b = 2, c = 3, d = 4;
        int i = 0;
        for (; i + 4 <= words.Length; i += 4)
            (a, b, c, d) = ((a ^ words[i]) * Prime, (b ^ words[i + 1]) * Prime, (c ^ words[i + 2]) * Prime, (d ^ words[i + 3]) * Prime);
        for (; i < words.Length; i++) a = (a ^ words[i]) * Prime;
        if ((features.Length & 1) == 1) b = (b ^ Bits(features[^1])) * Prime;
        return Mix(Mix(Mix(Mix(a) ^ b) ^ c) ^ d);
    }

    private static uint Bits(float value) => (uint)BitConverter.SingleToInt32Bits(value);

    // SplitMix64's finaliser.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
