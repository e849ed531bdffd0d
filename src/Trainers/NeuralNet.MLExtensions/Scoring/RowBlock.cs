namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// One of a cursor's two blocks of rows: their features [Rows×in] and computed outputs [Rows×out]. Its input-column
/// values, ids and batches live in the cursor's buffers at slots <see cref="FirstSlot"/> onwards.
/// </summary>
internal sealed class RowBlock(int index, int maxRows)
{
    public float[] Features { get; private set; } = [];
    public float[] Outputs { get; private set; } = [];
    public int Rows { get; set; }
    public int FirstSlot { get; } = index * maxRows;

    /// <summary>Makes room for <paramref name="rows"/> rows of <paramref name="inputSize"/> features and <paramref name="outputSize"/> outputs.</summary>
    public void Reserve(int rows, int inputSize, int outputSize)
    {
        if (Features.Length < rows * inputSize) Features = new float[rows * inputSize];
        if (Outputs.Length < rows * outputSize) Outputs = new float[rows * outputSize];
    }
}
