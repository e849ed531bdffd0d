using System.Buffers.Binary;
using System.IO.Compression;

/// <summary>Reads the gzip-compressed IDX files of MNIST and Fashion-MNIST (big-endian header, then unsigned bytes).</summary>
internal static class IdxReader
{
    /// <summary>Images as rows of pixels scaled to [0, 1]: [count][rows·columns].</summary>
    public static float[][] ReadImages(string path, int limit)
    {
        using var stream = Open(path, expectedMagic: 2051, out int count);
        var header = ReadExactly(stream, 8);
        int pixels = BinaryPrimitives.ReadInt32BigEndian(header) * BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        var images = new float[Math.Min(count, limit)][];
        for (int i = 0; i < images.Length; i++)
            images[i] = ReadExactly(stream, pixels).Select(b => b / 255f).ToArray();
        return images;
    }

    /// <summary>Labels as class indices.</summary>
    public static byte[] ReadLabels(string path, int limit)
    {
        using var stream = Open(path, expectedMagic: 2049, out int count);
        return ReadExactly(stream, Math.Min(count, limit));
    }

    private static GZipStream Open(string path, int expectedMagic, out int count)
    {
        var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var header = ReadExactly(stream, 8);
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic) throw new InvalidDataException($"{path}: IDX magic number {magic}, expected {expectedMagic}.");
        count = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        return stream;
    }

    private static byte[] ReadExactly(Stream stream, int length)
    {
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        return buffer;
    }
}
