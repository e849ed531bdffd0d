namespace NeuralNet.MLExtensions.Scoring;

/// <summary>Where the consumer is in the current block.</summary>
internal interface IBlockRows
{
    /// <summary>The row of the block the consumer is on; throws when it is on none.</summary>
    int Row { get; }
}
