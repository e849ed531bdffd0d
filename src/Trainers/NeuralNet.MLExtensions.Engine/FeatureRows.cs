namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// Row <paramref name="row"/> of a block of raw feature rows held in separate buffers rather than one [rows×in]
/// array (a caller's per-row buffers, filled in place): exactly InputSize values. <see cref="MlpInference"/> calls it
/// once per row, in order, and reads the span before the next call.
/// </summary>
public delegate ReadOnlySpan<float> FeatureRows(int row);
