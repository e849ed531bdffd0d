using Microsoft.ML;

namespace NeuralNet.MLExtensions.Quality;

/// <summary>
/// A trainer as a user would pick it: its catalog method with default options, for the tasks it serves (multiclass
/// classification, regression, binary classification; null where it has none).
/// </summary>
internal sealed record TrainerSystem(string Name, Func<MLContext, IEstimator<ITransformer>>? Classification, Func<MLContext, IEstimator<ITransformer>>? Regression,
    Func<MLContext, IEstimator<ITransformer>>? Binary)
{
    public Func<MLContext, IEstimator<ITransformer>>? For(TaskKind task) => task switch
    {
        TaskKind.Regression => Regression,
        TaskKind.Binary => Binary,
        _ => Classification,
    };

    public static IReadOnlyList<TrainerSystem> All { get; } =
    [
        new("Mlp", ml => ml.MulticlassClassification.Trainers.Mlp(), ml => ml.Regression.Trainers.Mlp(), ml => ml.BinaryClassification.Trainers.Mlp()),
        new("LightGbm", ml => ml.MulticlassClassification.Trainers.LightGbm(), ml => ml.Regression.Trainers.LightGbm(), ml => ml.BinaryClassification.Trainers.LightGbm()),
        new("LbfgsMaximumEntropy", ml => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(), null, null),
    ];

    /// <summary>Variants of our trainer for ablations, run only when named in --systems (e.g. Mlp,MlpRobust,LightGbm).</summary>
    public static IReadOnlyList<TrainerSystem> Variants { get; } =
    [
        // The defaults with Robust feature scaling (median/IQR, smooth clipping) instead of Standard.
        new("MlpRobust", ml => ml.MulticlassClassification.Trainers.Mlp(new MlpTrainer.Options { FeatureScaling = Engine.FeatureScaling.Robust }),
            ml => ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { FeatureScaling = Engine.FeatureScaling.Robust }),
            ml => ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { FeatureScaling = Engine.FeatureScaling.Robust })),
    ];
}
