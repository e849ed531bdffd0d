namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>The size of a [rows×width] buffer, computed without overflow.</summary>
internal static class BufferSize
{
    /// <summary>rows·width, or an error naming <paramref name="what"/> when that is more than one array can hold.</summary>
    public static int Of(int rows, int width, string what)
    {
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"{what}: the number of rows must not be negative; got {rows}.");
        long size = (long)rows * width;
        if (size > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(rows), rows,
                $"{what}: [{rows}×{width}] = {size} values is more than one array can hold ({Array.MaxLength}). Use a smaller BatchSize or narrower layers.");
        return (int)size;
    }
}
