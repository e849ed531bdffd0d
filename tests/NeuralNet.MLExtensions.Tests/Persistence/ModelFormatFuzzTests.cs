using System.Buffers.Binary;
using System.Diagnostics;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>
/// Thousands of damaged model files: every load either succeeds with identical predictions or throws
/// InvalidDataException, and none hangs.
/// </summary>
[TestClass]
public sealed class ModelFormatFuzzTests
{
    private static readonly TimeSpan PerLoadBound = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Loads each case; a load must succeed with predictions equal to <paramref name="expected"/> (or, when null,
    /// scoring without an exception) or throw InvalidDataException, within the bound.
    /// </summary>
    private static (int Loaded, int Rejected) Run(IEnumerable<byte[]> cases, float[]? expected, string kind)
    {
        int loaded = 0, rejected = 0, index = 0;
        foreach (var bytes in cases)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var model = ModelBytes.Load(bytes);
                var predictions = ModelBytes.Predictions(model);
                if (expected is not null)
                    CollectionAssert.AreEqual(expected, predictions, $"{kind} case {index} loaded but predicts differently");
                loaded++;
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
            catch (Exception e)
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
        var expected = ModelBytes.Predictions(ModelBytes.Model);
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
        var (loaded, rejected) = Run(cases, expected, "mutation");
        Console.WriteLine($"{cases.Count} cases: {loaded} loaded with identical predictions, {rejected} rejected with InvalidDataException");
        Assert.IsGreaterThan(9_000, rejected);
    }

    [TestMethod]
    public void Load_PayloadDamageWithValidChecksum_LoadsAValidModelOrThrowsInvalidData()
    {
        // The checksum is recomputed after the damage, so the field checks, not the checksum, must catch it; a
        // changed weight is a different but valid model (possibly with absurd weights), so what loads need only score.
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
        var (loaded, rejected) = Run(cases, null, "resealed");
        Console.WriteLine($"{cases.Count} resealed cases: {loaded} loaded as valid models, {rejected} rejected with InvalidDataException");
        Assert.IsGreaterThan(0, rejected);
    }
}
