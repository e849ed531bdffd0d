using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace NeuralNet.MLExtensions.Tests.Reports;

/// <summary>Finds the base64 PNGs embedded in an HTML page and decodes them.</summary>
internal static partial class PngImages
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [GeneratedRegex("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")]
    private static partial Regex Embedded();

    public static byte[][] FromHtml(string html) =>
        Embedded().Matches(html).Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToArray();

    /// <summary>Width and height from the IHDR chunk, after checking the signature; then a full decode with SkiaSharp.</summary>
    public static (int Width, int Height) Decode(byte[] png)
    {
        CollectionAssert.AreEqual(Signature, png.Take(8).ToArray(), "not a PNG signature");
        Assert.AreEqual("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.IsNotNull(bitmap, "SkiaSharp could not decode the PNG");
        Assert.AreEqual(width, bitmap.Width);
        Assert.AreEqual(height, bitmap.Height);
        return (width, height);
    }
}
