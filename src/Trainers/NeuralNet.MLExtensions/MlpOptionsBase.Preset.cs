using NeuralNet.MLExtensions.Engine;

namespace NeuralNet.MLExtensions;

/// <summary>
/// The preset: which defaults the options left unset take, and the preset's rules that depend on the data (held-out
/// rows dropped on tiny data, a single network with larger batches on large data).
/// </summary>
public abstract partial class MlpOptionsBase
{
    /// <summary>
    /// The set of defaults for the options left unset: <see cref="MlpPreset.Tabular"/> (default), the recipe for
    /// tabular data (a held-out fifth of the rows picks the best epoch; small data sets then train again on all rows),
    /// or <see cref="MlpPreset.Classic"/>, version 0.1's scikit-learn-like defaults. An option set explicitly wins over
    /// its preset, whatever the order of the assignments; reading an option gives the value in force.
    /// The values: <see cref="MlpDefaults.Tabular"/> and <see cref="MlpDefaults.Classic"/>.
    /// </summary>
    public MlpPreset Preset { get; set; } = MlpDefaults.Preset;

    /// <summary>The values of <see cref="Preset"/>, for the options left unset (a bad preset is reported by the checks).</summary>
    private MlpPresetValues Values => Enum.IsDefined(Preset) ? MlpPresetValues.For(Preset) : MlpDefaults.Tabular;

    /// <summary>
    /// These options for a <c>Fit</c> given validation data: a <see cref="ValidationFraction"/> that comes from the
    /// preset (not set explicitly) becomes 0, since the given data does the held-out rows' work; an explicit one stays
    /// (and the engine refuses it with a message).
    /// </summary>
    internal MlpOptionsBase ForValidationData()
    {
        if (_validationFraction is not null) return this;
        var copy = Clone();
        copy._validationFraction = 0f;
        return copy;
    }

    /// <summary>
    /// Fewest held-out rows the preset's <see cref="ValidationFraction"/> must give to be used: 10. Below that (tiny data,
    /// or classes of one or two rows) the validation loss would pick the epoch by chance, so training uses all rows.
    /// </summary>
    internal const int MinimumPresetHeldOutRows = 10;

    /// <summary>
    /// These options for training rows with <paramref name="labels"/>: a <see cref="ValidationFraction"/> that comes
    /// from the preset becomes 0 when it would hold out fewer than <see cref="MinimumPresetHeldOutRows"/> rows (an
    /// explicit one stays, and the engine reports a split that holds out nothing), and an <see cref="EnsembleSize"/>
    /// that comes from the preset becomes 1 and its <see cref="BatchSize"/> the preset's large-data batch above the preset's
    /// <see cref="MlpPresetValues.LargeDataRows"/> rows.
    /// </summary>
    internal MlpOptionsBase ForTrainingRows(ReadOnlySpan<int> labels, int classCount, out bool heldOutDropped)
    {
        long heldOut = _validationFraction is null && ValidationFraction > 0f
            ? Engine.Data.StratifiedSplit.HeldOutCount(labels, Task == MlpTask.Regression ? 1 : classCount, ValidationFraction) : MinimumPresetHeldOutRows;
        return ForTrainingRows(labels.Length, heldOut, out heldOutDropped);
    }

    /// <summary>
    /// As above for <paramref name="rows"/> training rows of which the preset's fraction holds out
    /// <paramref name="heldOutRows"/> (a streamed run counts both in its first pass).
    /// </summary>
    internal MlpOptionsBase ForTrainingRows(long rows, long heldOutRows, out bool heldOutDropped)
    {
        heldOutDropped = _validationFraction is null && ValidationFraction > 0f && heldOutRows < MinimumPresetHeldOutRows;
        bool large = rows > Values.LargeDataRows;
        bool singleNetwork = large && _ensembleSize is null && EnsembleSize > 1;
        bool largeBatches = large && _batchSize is null && BatchSize != Values.LargeDataBatchSize;
        if (!heldOutDropped && !singleNetwork && !largeBatches) return this;
        var copy = Clone();
        if (heldOutDropped) copy._validationFraction = 0f;
        if (singleNetwork) copy._ensembleSize = 1;
        if (largeBatches) copy._batchSize = Values.LargeDataBatchSize;
        return copy;
    }
}
