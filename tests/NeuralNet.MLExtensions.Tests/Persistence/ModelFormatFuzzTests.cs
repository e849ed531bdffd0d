using System.Buffers.Binary;
using System.Diagnostics;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// Thousands of damaged model files, none of which may hang or throw anything but InvalidDataException: a file changed
/// after saving is always refused (the checksum covers every byte), and a file whose damage was resealed with a valid
/// checksum either is refused or loads as exactly what its bytes say (saving it again gives the same bytes).
/// </summary>
[TestClass]
public sealed class ModelFormatFuzzTests
{
    private static readonly TimeSpan PerLoadBound = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Loads each case; a load must succeed (and then score, and save back to exactly the bytes it was loaded from) or
    /// throw InvalidDataException, within the bound.
    /// </summary>
    private static (int Loaded, int Rejected) Run(IEnumerable<byte[]> cases, string kind)
    {
        int loaded = 0, rejected = 0, index = 0;
        foreach (var bytes in cases)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var model = ModelBytes.Load(bytes);
                ModelBytes.Predictions(model);
                using var saved = new MemoryStream();
                model.Save(saved);
                CollectionAssert.AreEqual(bytes, saved.ToArray(), $"{kind} case {index} loaded as something other than its bytes say");
                loaded++;
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
            catch (Exception e) when (e is not AssertFailedException)
            {
                Assert.Fail($"{kind} case {index}: {e.GetType().Name} instead of InvalidDataException: {e.Message}");
            }
            Assert.IsLessThan(PerLoadBound, clock.Elapsed, $"{kind} case {index} took {clock.Elapsed}");
            index++;
        }
        return (loaded, rejected);
    }

    [TestMethod]
    public void Load_TenThousandMutations_LoadIdenticallyOrThrowInvalidData()
    {
        var original = ModelBytes.Bytes;
        var random = new Random(12345);
        var cases = new List<byte[]>();

        // Truncation at every length of the header and the first payload fields, and a few beyond.
        for (int length = 0; length < Math.Min(original.Length, 64); length++) cases.Add(original[..length]);
        // Single bit flips everywhere.
        for (int i = 0; i < 7_000; i++)
        {
            var b = (byte[])original.Clone();
            b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
            cases.Add(b);
        }
        // Random byte overwrites.
        for (int i = 0; i < 2_000; i++)
        {
            var b = (byte[])original.Clone();
            int n = random.Next(1, 8);
            for (int j = 0; j < n; j++) b[random.Next(b.Length)] = (byte)random.Next(256);
            cases.Add(b);
        }
        // Oversized, negative and random payload length fields.
        foreach (int length in new[] { -1, int.MinValue, int.MaxValue, 1 << 30, (1 << 30) + 1, original.Length * 2 })
        {
            var b = (byte[])original.Clone();
            BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(12), length);
            cases.Add(b);
        }
        // Entirely random files, some starting with the magic value.
        for (int i = 0; i < 1_000; i++)
        {
            var b = new byte[random.Next(0, 512)];
            random.NextBytes(b);
            if (i % 2 == 0 && b.Length >= 8) "NNMLPMDL"u8.CopyTo(b);
            cases.Add(b);
        }
        Assert.IsGreaterThanOrEqualTo(10_000, cases.Count);
        // A random overwrite can write back the byte that was there; only those unchanged files may load.
        int unchanged = cases.Count(c => c.AsSpan().SequenceEqual(original));
        var (loaded, rejected) = Run(cases, "mutation");
        Console.WriteLine($"{cases.Count} cases: {unchanged} unchanged, {loaded} loaded, {rejected} rejected with InvalidDataException");
        Assert.AreEqual(unchanged, loaded, "every changed file is refused, whatever byte changed");
        Assert.AreEqual(cases.Count - unchanged, rejected);
    }

    [TestMethod]
    public void Load_PayloadDamageWithValidChecksum_LoadsAValidModelOrThrowsInvalidData()
    {
        // The checksum is recomputed after the damage, so the field checks, not the checksum, must catch it; a
        // changed weight is a different but valid model (possibly with absurd weights), so what loads must score and
        // mean exactly its bytes: nothing read is dropped, clamped or reinterpreted.
        var original = ModelBytes.Bytes;
        var random = new Random(54321);
        var cases = new List<byte[]>();
        int payloadEnd = original.Length - ModelBytes.ChecksumLength;
        for (int i = 0; i < 3_000; i++)
        {
            var b = (byte[])original.Clone();
            int at = random.Next(ModelBytes.HeaderLength, payloadEnd);
            if (i % 2 == 0) b[at] ^= (byte)(1 << random.Next(8));
            else BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(Math.Min(at, payloadEnd - 4)), random.Next(int.MinValue, int.MaxValue));
            cases.Add(ModelBytes.Reseal(b));
        }
        var (loaded, rejected) = Run(cases, "resealed");
        Console.WriteLine($"{cases.Count} resealed cases: {loaded} loaded as valid models, {rejected} rejected with InvalidDataException");
        Assert.IsGreaterThan(0, loaded, "changed weights and history values load as the model they describe");
        Assert.IsGreaterThan(0, rejected, "changed counts, flags and codes are refused");
    }
}
