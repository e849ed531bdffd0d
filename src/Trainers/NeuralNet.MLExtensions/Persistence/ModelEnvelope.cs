using System.Buffers.Binary;
using System.Security.Cryptography;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// The frame around every saved MLP model: an 8-byte magic value, the format version, the payload length, the
/// payload, and a SHA-256 of all that precedes it. Reading checks magic, version and length before reading the
/// payload (in bounded chunks, so a false length cannot make it allocate more than the stream holds), then the
/// checksum before anything is parsed.
/// </summary>
internal static class ModelEnvelope
{
    /// <summary>"NNMLPMDL".</summary>
    public static ReadOnlySpan<byte> Magic => "NNMLPMDL"u8;

    /// <summary>
    /// The version this library writes. 1: the first format. 2: adds each epoch's validation loss and accuracy, the
    /// best epoch and the warm-start training state (optimizer state, schedule and convergence state). 3: the training
    /// state adds the schedule's span, the early-stopping watch, each watch's best epoch and the untrained loss.
    /// 4: the task and the regression target's standardisation. 5: the ensemble block (<see cref="EnsembleCodec"/>), the input
    /// stage (numeric embeddings, per-input scale; <see cref="InputEmbeddingCodec"/>) and the feature scaling's kind (<see cref="FeatureScalingCodec"/>).
    /// 6: the input stage's piecewise-linear encodings.
    /// </summary>
    public const ushort CurrentVersion = 6;

    /// <summary>The oldest version this library reads.</summary>
    public const ushort OldestReadableVersion = 1;

    private const int HeaderBytes = 16;
    private const int ChecksumBytes = 32;
    private const int Chunk = 1 << 20;

    public static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], payload.Length);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(header);
        sha.AppendData(payload);
        stream.Write(header);
        stream.Write(payload);
        stream.Write(sha.GetHashAndReset());
    }

    /// <summary>Reads one framed model from <paramref name="stream"/> and returns its version and payload.</summary>
    /// <exception cref="InvalidDataException">Anything about the frame is wrong; the message says what.</exception>
    public static (ushort Version, byte[] Payload) Read(Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        int got = ReadUpTo(stream, header);
        if (got < Magic.Length || !header[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidDataException(got == 0
                ? "Not an MLP model: the stream is empty."
                : "Not an MLP model: the magic value 'NNMLPMDL' is missing at the start.");
        if (got < HeaderBytes)
            throw new InvalidDataException($"MLP model is truncated: the header needs {HeaderBytes} bytes, got {got}.");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        if (version < OldestReadableVersion || version > CurrentVersion)
            throw new InvalidDataException(
                $"Unsupported MLP model format version {version}: this library reads versions {OldestReadableVersion} to {CurrentVersion}." +
                (version > CurrentVersion ? " The model was saved by a newer NeuralNet.MLExtensions; update the library." : ""));
        ushort reserved = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
        if (reserved != 0) throw new InvalidDataException($"MLP model is corrupt: reserved header field is {reserved}, expected 0.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (length < 0 || length > ModelLimits.MaxPayloadBytes)
            throw new InvalidDataException($"MLP model is corrupt: it declares a payload of {length} bytes; the limit is {ModelLimits.MaxPayloadBytes}.");

        // Grow the buffer only as data actually arrives.
        var payload = new byte[Math.Min(length, Chunk)];
        int read = 0;
        while (read < length)
        {
            if (read == payload.Length) Array.Resize(ref payload, (int)Math.Min(length, (long)payload.Length * 2));
            int n = stream.Read(payload, read, payload.Length - read);
            if (n == 0) throw new InvalidDataException($"MLP model is truncated: the payload should be {length} bytes but the stream ended after {read}.");
            read += n;
        }
        Span<byte> checksum = stackalloc byte[ChecksumBytes];
        int sumBytes = ReadUpTo(stream, checksum);
        if (sumBytes < ChecksumBytes)
            throw new InvalidDataException($"MLP model is truncated: the checksum needs {ChecksumBytes} bytes, got {sumBytes}.");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(header);
        sha.AppendData(payload);
        if (!sha.GetHashAndReset().AsSpan().SequenceEqual(checksum))
            throw new InvalidDataException("MLP model checksum mismatch: the model bytes were changed or damaged after saving.");
        return (version, payload);
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
