using NeuralNet.MLExtensions.Engine.Settings;
using static NeuralNet.MLExtensions.Engine.Settings.SettingRules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>The ensemble setting: how many members share the network's weights (TabM-mini).</summary>
public sealed partial class MlpTrainingSettings
{
    /// <summary>
    /// Members k of a parameter-efficient ensemble, 1 to <see cref="MlpLimits.MaxEnsembleSize"/>; 1 (the default) is
    /// a plain MLP. With k ≥ 2 (TabM-mini, Gorishniy et al. 2024) each member scales the input by its own vector
    /// (initialised to random signs), all members share the hidden layers, and each has its own output head. Training
    /// minimises the mean of the members' losses on the same mini-batches; the model predicts the members' mean
    /// probability (mean output for regression). Each layer's work grows about k-fold; the parameters grow only by
    /// k input scales and k−1 more output heads. The paper uses k = 32; 8 to 32 is a sensible range.
    /// </summary>
    public int EnsembleSize { get; init; } = MlpDefaults.EnsembleSize;

    private SettingError? FindEnsembleError() =>
        EnsembleSize >= 1 && EnsembleSize <= MlpLimits.MaxEnsembleSize ? null
        : Fail(nameof(EnsembleSize), EnsembleSize, $"must be in 1..{MlpLimits.MaxEnsembleSize} (1 is a single network); got {EnsembleSize}.");
}
