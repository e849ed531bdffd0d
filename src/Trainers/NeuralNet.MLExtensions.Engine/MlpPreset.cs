namespace NeuralNet.MLExtensions.Engine;

/// <summary>A named set of defaults for the options a trainer leaves unset (<see cref="MlpPresetValues"/>).</summary>
public enum MlpPreset
{
    /// <summary>
    /// The recipe for tabular data (the trainers' default): a held-out fifth of the rows picks the best epoch, and
    /// small data sets train again on all rows for that many epochs; see <see cref="MlpDefaults.Tabular"/>.
    /// </summary>
    Tabular = 0,
    /// <summary>
    /// The defaults of version 0.1 (scikit-learn's MLPClassifier's): one hidden layer of 100 ReLU units, Adam at 0.001,
    /// batches of 32, up to 200 epochs stopped by the training loss, no held-out rows; see <see cref="MlpDefaults.Classic"/>.
    /// </summary>
    Classic = 1,
}
