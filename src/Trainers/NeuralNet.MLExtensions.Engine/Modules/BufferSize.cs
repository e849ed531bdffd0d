namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>The size of a [rows×width] buffer, computed without overflow.</summary>
internal static class BufferSize
{
    /// <summary>
    /// rows·width, or an error naming <paramref name="what"/> (of <paramref name="owner"/>, when given) when that is more
    /// than one array can hold. The message is only built on failure, so scoring paths can call this per row.
    /// </summary>
    public static int Of(int rows, int width, string what, Module? owner = null)
    {
        long size = (long)rows * width;
        if (rows >= 0 && size <= Array.MaxLength) return (int)size;
        if (owner is not null) what = $"{what} of {owner}";
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"{what}: the number of rows must not be negative; got {rows}.");
        throw new ArgumentOutOfRangeException(nameof(rows), rows,
            $"{what}: [{rows}×{width}] = {size} values is more than one array can hold ({Array.MaxLength}). Use fewer rows at a time (BatchSize, when training) or narrower layers.");
    }
}
