using NeuralNet.MLExtensions.Engine.Streaming;

namespace NeuralNet.MLExtensions.Tests.Streaming;

/// <summary>
/// Rows generated from their position alone and held nowhere (wide or long data without its memory): feature j of row
/// r is a hash of (r, j) in [0, 1), the label r mod the class count.
/// </summary>
internal sealed class GeneratedBlockSource(long rows, int featureCount, int classCount) : IRowBlockSource
{
    public int FeatureCount => featureCount;
    public bool HasWeights => false;
    public bool HasTargets => false;
    public string Name => "the generated rows";

    public IRowBlockReader Open() => new Reader(rows, featureCount, classCount);

    private sealed class Reader(long rows, int featureCount, int classCount) : IRowBlockReader
    {
        public long Position { get; private set; }

        public bool Read(RowBlock block)
        {
            int n = 0;
            for (; n < block.Capacity && Position < rows; n++, Position++)
            {
                var row = block.Row(n);
                for (int j = 0; j < featureCount; j++)
                    row[j] = Value(Position, j);
                block.Labels[n] = (int)(Position % classCount);
                block.Positions[n] = Position;
            }
            block.Count = n;
            return n > 0;
        }

        public void Dispose() { }

        // The top 24 bits of a mix of (row, feature): a value in [0, 1) that is the same on every read.
        private static float Value(long row, int feature) =>
            (((ulong)row * 0x9E3779B97F4A7C15UL ^ (ulong)feature * 0xBF58476D1CE4E5B9UL) * 0x94D049BB133111EBUL >> 40) / 16777216f;
    }
}
