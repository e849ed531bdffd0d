namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Row <paramref name="row"/> of a block of raw feature rows held in separate buffers rather than one [rows×in]
/// array (a caller's per-row buffers, filled in place): its InputSize values.
/// </summary>
public delegate ReadOnlySpan<float> FeatureRows(int row);
