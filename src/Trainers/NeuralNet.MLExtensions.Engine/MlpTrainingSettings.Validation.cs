using NeuralNet.MLExtensions.Engine.Settings;
using static NeuralNet.MLExtensions.Engine.Settings.SettingRules;

namespace NeuralNet.MLExtensions.Engine;

/// <summary>The rules every setting follows, checked before anything is allocated; the first broken rule is reported.</summary>
public sealed partial class MlpTrainingSettings
{
    /// <summary>
    /// Checks every setting that does not depend on the data. Throws <see cref="ArgumentOutOfRangeException"/> (or
    /// <see cref="ArgumentNullException"/> for a missing list) whose ParamName is the setting and whose message names
    /// it, the rule and the value received: "MlpTrainingSettings.HiddenLayerSizes[1] must be positive; got 0."
    /// </summary>
    public void Validate()
    {
        if (FindError() is { } error) throw error.ToException();
    }

    /// <summary>
    /// Checks what depends on the data, after <see cref="Validate"/>: the network's parameter count for this many
    /// features and classes (at most <see cref="MlpLimits.MaxParameterCount"/>), and one explicit class weight per class.
    /// </summary>
    public void ValidateForData(int featureCount, int classCount)
    {
        if (FindErrorForData(featureCount, classCount) is { } error) throw error.ToException();
    }

    /// <summary>The first broken rule among the settings, or null.</summary>
    internal SettingError? FindError() => FindEnsembleError() ?? FindArchitectureError() ?? FindOptimizerError() ?? FindTrainingControlError() ?? FindTaskError() ?? FindEmbeddingError();

    /// <summary>The first broken rule that depends on the data's feature and class counts, or null.</summary>
    internal SettingError? FindErrorForData(int featureCount, int classCount)
    {
        if (featureCount > MlpLimits.MaxFeatureCount)
            return new SettingError(nameof(featureCount), featureCount,
                $"The data has {Count(featureCount)} features; at most {Count(MlpLimits.MaxFeatureCount)} can be trained, the most a saved model holds.");
        if (classCount > MlpLimits.MaxClassCount)
            return new SettingError(nameof(classCount), classCount,
                $"The data has {Count(classCount)} classes; at most {Count(MlpLimits.MaxClassCount)} can be trained, the most a saved model holds.");
        if (ClassWeighting == ClassWeighting.Explicit && ClassWeights!.Count != classCount)
            return Fail(nameof(ClassWeights), ClassWeights.Count, $"must list one weight per class ({classCount}); got {ClassWeights.Count}.");
        return FindSizeError(featureCount, Task == MlpTask.Multiclass ? classCount : 1,
            $"which with {Count(featureCount)} features and {Count(classCount)} classes gives {{0}}. Use fewer or narrower hidden layers, or fewer features.")
            ?? FindEmbeddingSizeError(featureCount, Task == MlpTask.Multiclass ? classCount : 1);
    }

    private SettingError? FindArchitectureError()
    {
        if (HiddenLayerSizes is null) return Missing(nameof(HiddenLayerSizes), $"must not be null; use an empty list for no hidden layer.");
        if (HiddenLayerSizes.Count > MlpLimits.MaxHiddenLayers)
            return Fail(nameof(HiddenLayerSizes), HiddenLayerSizes.Count,
                $"must list at most {MlpLimits.MaxHiddenLayers} hidden layers, the most a saved model holds; got {HiddenLayerSizes.Count}.");
        return Each(HiddenLayerSizes, (size, i) =>
                size < 1 ? FailAt(nameof(HiddenLayerSizes), i, size, $"must be positive; got {size}.")
                : size > MlpLimits.MaxLayerSize ? FailAt(nameof(HiddenLayerSizes), i, size,
                    $"must be at most {Count(MlpLimits.MaxLayerSize)} units, the widest layer a saved model holds; got {Count(size)}.")
                : null)
            // The hidden layers alone (1 feature, 2 classes) may already be too many: say so before any data is read.
            ?? FindSizeError(1, 2, "which gives at least {0} even with 1 feature and 2 classes. Use fewer or narrower hidden layers.")
            ?? FindActivationError();
    }

    private SettingError? FindSizeError(int featureCount, int classCount, string consequence)
    {
        long parameters = MlpLimits.ParameterCount(featureCount, HiddenLayerSizes, classCount, EnsembleSize);
        if (parameters <= MlpLimits.MaxParameterCount) return null;
        return Fail(nameof(HiddenLayerSizes), parameters,
            $"must give a network of at most {Count(MlpLimits.MaxParameterCount)} parameters, so that the trained model can be saved and loaded again; got [{string.Join(", ", HiddenLayerSizes)}], {string.Format(System.Globalization.CultureInfo.InvariantCulture, consequence, Count(parameters))}");
    }

    private SettingError? FindActivationError()
    {
        if (Activation is null) return Missing(nameof(Activation), $"must not be null.");
        if (Activation.Count != 1 && Activation.Count != HiddenLayerSizes.Count)
            return Fail(nameof(Activation), Activation.Count,
                $"must list one activation for all hidden layers or one per hidden layer ({HiddenLayerSizes.Count}); got {Activation.Count}.");
        return Each(Activation, (activation, i) => Enum.IsDefined(activation) ? null
            : FailAt(nameof(Activation), i, activation, $"must be one of {string.Join(", ", Enum.GetNames<Activation>())}; got {(int)activation}."));
    }

    private SettingError? FindOptimizerError() =>
        Defined(nameof(Optimizer), Optimizer)
        ?? Positive(nameof(LearningRate), LearningRate)
        ?? AtLeast(nameof(BatchSize), BatchSize, 1)
        ?? AtLeast(nameof(MaximumNumberOfEpochs), MaximumNumberOfEpochs, 1)
        ?? NonNegative(nameof(L2Regularization), L2Regularization)
        ?? (Optimizer == OptimizerKind.AdamW && _l2Regularization is > 0f
            ? Fail(nameof(L2Regularization), L2Regularization,
                $"must be 0 or left unset when {SettingError.Prefix}{nameof(Optimizer)} is AdamW, whose {SettingError.Prefix}{nameof(WeightDecay)} is the decoupled form of the same penalty; got {L2Regularization}. Set WeightDecay instead, or use Adam for a coupled L2 penalty.")
            : null)
        ?? NonNegative(nameof(WeightDecay), WeightDecay)
        ?? UnitInterval(nameof(Momentum), Momentum)
        ?? UnitInterval(nameof(Beta1), Beta1)
        ?? UnitInterval(nameof(Beta2), Beta2)
        ?? Positive(nameof(Epsilon), Epsilon)
        ?? NonNegative(nameof(ConvergenceTolerance), ConvergenceTolerance)
        ?? AtLeast(nameof(ConvergencePatience), ConvergencePatience, 1)
        ?? Defined(nameof(WeightInitialization), WeightInitialization)
        ?? Defined(nameof(FeatureScaling), FeatureScaling)
        ?? AtLeast(nameof(NumberOfThreads), NumberOfThreads, 1)
        ?? (NumberOfThreads <= MlpLimits.MaxThreads ? null
            : Fail(nameof(NumberOfThreads), NumberOfThreads,
                $"must be at most {MlpLimits.MaxThreads}, twice the {Environment.ProcessorCount} processors of this machine: more threads than processors only slow training, and the model is the same for any count; got {NumberOfThreads}."));
}
