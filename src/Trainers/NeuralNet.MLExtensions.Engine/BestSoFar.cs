namespace NeuralNet.MLExtensions.Engine;

/// <summary>
/// A watched quantity of a training run (a loss or an accuracy): its best value so far, the epoch that reached it,
/// and the epochs since then without enough improvement. Part of <see cref="TrainingState"/>.
/// </summary>
/// <param name="Value">The best value so far; NaN before the first epoch (+∞ for the training-loss and plateau watches).</param>
/// <param name="Epoch">The 1-based epoch that reached <paramref name="Value"/>; 0 before any.</param>
/// <param name="StaleEpochs">Epochs in a row without enough improvement (reset when reduce-on-plateau reduces the rate).</param>
public readonly record struct BestSoFar(double Value, int Epoch, int StaleEpochs);
