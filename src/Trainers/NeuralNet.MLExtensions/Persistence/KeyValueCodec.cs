using Microsoft.ML.Data;
using static NeuralNet.MLExtensions.Persistence.ModelLimits;

namespace NeuralNet.MLExtensions.Persistence;

/// <summary>
/// Writes and reads a label's key values (the original class values) with their ML.NET type, so a loaded model's
/// <c>PredictedLabel</c> maps back to the same values. Code 0 means the label had no key values.
/// </summary>
internal static class KeyValueCodec
{
    private static readonly (byte Code, PrimitiveDataViewType Type)[] Types =
    [
        (1, TextDataViewType.Instance), (2, NumberDataViewType.Single), (3, NumberDataViewType.Double),
        (4, NumberDataViewType.Int32), (5, NumberDataViewType.UInt32), (6, NumberDataViewType.Int64),
        (7, NumberDataViewType.UInt64), (8, NumberDataViewType.Int16), (9, NumberDataViewType.UInt16),
        (10, NumberDataViewType.SByte), (11, NumberDataViewType.Byte), (12, BooleanDataViewType.Instance),
    ];

    public static void Write(BinaryWriter writer, ClassLabels classes)
    {
        if (classes.KeyValues is null || classes.KeyValueItemType is null)
        {
            writer.Write((byte)0);
            return;
        }
        byte code = Types.FirstOrDefault(t => t.Type.Equals(classes.KeyValueItemType)).Code;
        if (code == 0)
            throw new NotSupportedException($"Cannot save label key values of type {classes.KeyValueItemType}; supported are text, numbers and Boolean.");
        writer.Write(code);
        foreach (var value in classes.KeyValues)
        {
            switch (value)
            {
                case ReadOnlyMemory<char> text: WriteString(writer, text.ToString()); break;
                case float f: writer.Write(f); break;
                case double d: writer.Write(d); break;
                case int i: writer.Write(i); break;
                case uint u: writer.Write(u); break;
                case long l: writer.Write(l); break;
                case ulong ul: writer.Write(ul); break;
                case short s: writer.Write(s); break;
                case ushort us: writer.Write(us); break;
                case sbyte sb: writer.Write(sb); break;
                case byte b: writer.Write(b); break;
                case bool flag: writer.Write(flag); break;
                default: throw new NotSupportedException($"Cannot save a key value of type {value?.GetType().Name ?? "null"}.");
            }
        }
    }

    public static ClassLabels Read(ref PayloadReader reader, int count)
    {
        byte code = reader.ReadByte("class key-value type");
        if (code == 0)
            return new ClassLabels(count, Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), null, null);
        var type = Types.FirstOrDefault(t => t.Code == code).Type
            ?? throw new InvalidDataException($"MLP model is corrupt: unknown class key-value type code {code}.");
        Array values = code switch
        {
            1 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => ReadString(ref r, i).AsMemory()),
            2 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => r.ReadSingle($"class value {i}")),
            3 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => r.ReadDouble($"class value {i}")),
            4 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => r.ReadInt32($"class value {i}")),
            5 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => (uint)r.ReadInt32($"class value {i}")),
            6 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => r.ReadInt64($"class value {i}")),
            7 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => (ulong)r.ReadInt64($"class value {i}")),
            8 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => (short)(r.ReadByte($"class value {i}") | (r.ReadByte($"class value {i}") << 8))),
            9 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => (ushort)(r.ReadByte($"class value {i}") | (r.ReadByte($"class value {i}") << 8))),
            10 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => (sbyte)r.ReadByte($"class value {i}")),
            11 => ReadArray(ref reader, count, (ref PayloadReader r, int i) => r.ReadByte($"class value {i}")),
            _ => ReadArray(ref reader, count, (ref PayloadReader r, int i) => r.ReadByte($"class value {i}") switch
            {
                0 => false,
                1 => true,
                var b => throw new InvalidDataException($"MLP model is corrupt: class value {i} is Boolean byte {b}, expected 0 or 1."),
            }),
        };
        var names = new string[count];
        for (int i = 0; i < count; i++) names[i] = values.GetValue(i)?.ToString() ?? "";
        return new ClassLabels(count, names, type, values);
    }

    private delegate T ValueReader<T>(ref PayloadReader reader, int index);

    private static T[] ReadArray<T>(ref PayloadReader reader, int count, ValueReader<T> read)
    {
        // Each value takes at least one byte: refuse counts the payload cannot hold before allocating.
        if (count > reader.Remaining)
            throw new InvalidDataException($"MLP model is corrupt: {count} class values cannot fit in the {reader.Remaining} bytes left.");
        var values = new T[count];
        for (int i = 0; i < count; i++) values[i] = read(ref reader, i);
        return values;
    }

    private static string ReadString(ref PayloadReader reader, int index) => reader.ReadString($"class value {index}", MaxTextBytes);

    /// <summary>
    /// Reads what <see cref="WriteString"/> wrote from a stream (a 32-bit length of at most <c>MaxTextBytes</c>, then
    /// UTF-8), for parts saved outside the model payload; a defect gives an <see cref="InvalidDataException"/> that
    /// names <paramref name="owner"/> and <paramref name="field"/>.
    /// </summary>
    public static string ReadString(BinaryReader reader, string owner, string field)
    {
        try
        {
            int length = reader.ReadInt32();
            if (length < 0 || length > MaxTextBytes)
                throw new InvalidDataException($"{owner} is corrupt: the {field} claims {length} bytes; at most {MaxTextBytes} are allowed.");
            byte[] bytes = reader.ReadBytes(length);
            if (bytes.Length != length) throw new EndOfStreamException();
            return DecodeUtf8(bytes, owner, field);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{owner} is truncated: the {field} is missing.");
        }
    }

    /// <summary>Strict UTF-8 decoding shared by every reader of saved text; invalid bytes name the owner and field.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, string owner, string field)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new InvalidDataException($"{owner} is corrupt: {field} is not valid UTF-8.");
        }
    }

    public static void WriteString(BinaryWriter writer, string value)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(value);
        if (bytes.Length > MaxTextBytes) throw new NotSupportedException($"Cannot save a text value of {bytes.Length} bytes; the limit is {MaxTextBytes}.");
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }
}
