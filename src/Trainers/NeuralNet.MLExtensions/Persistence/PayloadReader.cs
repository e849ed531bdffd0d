using System.Buffers.Binary;
using System.Text;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// Reads little-endian fields from a model payload that is already in memory, checking every length against what is
/// left before reading or allocating, and failing with an <see cref="InvalidDataException"/> that names the field.
/// </summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Remaining => _data.Length - _position;

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || count > Remaining)
            throw new InvalidDataException($"MLP model is truncated or corrupt: {field} needs {count} bytes but only {Remaining} remain.");
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public byte ReadByte(string field) => Take(1, field)[0];
    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));
    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));
    public float ReadSingle(string field) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, field));
    public double ReadDouble(string field) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));

    /// <summary>An int in [min, max], or an error naming the field, the range and the value.</summary>
    public int ReadInt32(string field, int min, int max)
    {
        int value = ReadInt32(field);
        if (value < min || value > max)
            throw new InvalidDataException($"MLP model is corrupt: {field} is {value}; it must be between {min} and {max}.");
        return value;
    }

    /// <summary>A UTF-8 string with a 32-bit length prefix of at most <paramref name="maxBytes"/>.</summary>
    public string ReadString(string field, int maxBytes)
    {
        int length = ReadInt32($"{field} length", 0, maxBytes);
        return KeyValueCodec.DecodeUtf8(Take(length, field), "MLP model", field);
    }

    /// <summary>Fills <paramref name="destination"/> with floats, after checking enough bytes remain.</summary>
    public void ReadSingles(Span<float> destination, string field)
    {
        var bytes = Take(checked(destination.Length * 4), field);
        for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * 4, 4));
    }

    /// <summary>Throws unless every byte has been read.</summary>
    public readonly void ExpectEnd()
    {
        if (Remaining != 0) throw new InvalidDataException($"MLP model is corrupt: {Remaining} unexpected bytes after the last field.");
    }
}
