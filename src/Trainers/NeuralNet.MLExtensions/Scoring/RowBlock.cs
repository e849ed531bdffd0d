namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// One of a cursor's two blocks of rows: each row's features in its own array [in] (which the input's getter fills in
/// place when it can, see <see cref="BlockCursor"/>) and the computed outputs [Rows×out]. Its input-column
/// values, ids and batches live in the cursor's buffers at slots <see cref="FirstSlot"/> onwards.
/// </summary>
internal sealed class RowBlock(int index, int maxRows)
{
    private float[][] _features = [];

    public float[] Outputs { get; private set; } = [];
    public int Rows { get; set; }
    public int FirstSlot { get; } = index * maxRows;

    /// <summary>Row <paramref name="row"/>'s features (its own array; <see cref="SwapFeatures"/> may replace it).</summary>
    public float[] Features(int row) => _features[row];

    /// <summary>Puts <paramref name="features"/> in row <paramref name="row"/>'s place and returns the array that was there.</summary>
    public float[] SwapFeatures(int row, float[] features)
    {
        var old = _features[row];
        _features[row] = features;
        return old;
    }

    /// <summary>Makes room for <paramref name="rows"/> rows of <paramref name="inputSize"/> features and <paramref name="outputSize"/> outputs.</summary>
    public void Reserve(int rows, int inputSize, int outputSize)
    {
        if (_features.Length < rows)
        {
            int had = _features.Length;
            Array.Resize(ref _features, rows);
            for (int r = had; r < rows; r++) _features[r] = new float[inputSize];
        }
        if (Outputs.Length < rows * outputSize) Outputs = new float[rows * outputSize];
    }
}
