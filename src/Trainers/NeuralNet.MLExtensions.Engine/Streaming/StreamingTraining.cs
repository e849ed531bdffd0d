using System.Globalization;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// The streamed counterpart of <see cref="MlpEngine"/>'s in-memory training, for data read rather than held: after
/// <see cref="SummaryPass"/>, the same checks, the input stage, the scaling fitted from the pass's statistics (the same
/// <see cref="FeatureStandardizer"/> kinds, so the model is saved as any other), then the epoch loop of
/// <see cref="Trainer"/> over <see cref="StreamingEpochs"/>. The held-out rows are those of the pass's
/// <see cref="HoldOut"/> rule; the model differs from an in-memory one on the same data (other held-out rows, another
/// shuffle, sketched quantiles on large data) and there is no refit on all rows.
/// </summary>
internal static class StreamingTraining
{
    /// <summary>
    /// Trains on <paramref name="source"/>, summarised by <paramref name="summary"/> (from <see cref="SummaryPass.Run"/>
    /// with the same seed, and the same ValidationFraction or, when the run ends up holding out nothing, any).
    /// classCount: K (0 for regression). <paramref name="rowTrained"/> sees each trained row's position (tests).
    /// </summary>
    public static MlpTrainingResult Train(IRowBlockSource source, StreamSummary summary, int classCount, MlpTrainingSettings settings,
        ValidationSet? validation = null, MlpWarmStart? warmStart = null, Action<long>? rowTrained = null)
    {
        settings.Validate();
        int d = source.FeatureCount;
        settings.ValidateForData(d, classCount);
        var embedding = warmStart is not null ? EmbeddingSelection.FromWarmStart(settings, warmStart.Network.Architecture.Embedding)
            : EmbeddingSelection.Choose(settings, summary.ManyValued);
        var architecture = new MlpArchitecture(d, settings.HiddenLayerSizes, settings.ActivationsPerLayer(), settings.Task, classCount) { Embedding = embedding, EnsembleSize = settings.EnsembleSize };
        int groups = architecture.Task == MlpTask.Regression ? 1 : classCount;

        bool holdsOut = settings.ValidationFraction > 0f;
        if (holdsOut)
        {
            if (validation is not null)
                throw new ArgumentOutOfRangeException(nameof(settings.ValidationFraction), settings.ValidationFraction,
                    $"ValidationFraction must be 0 when validation data is given; got {settings.ValidationFraction}.");
            if (settings.ValidationFraction != summary.HoldOut.Fraction || settings.Seed != summary.HoldOut.Seed)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The first pass held out a fraction {summary.HoldOut.Fraction} of the rows with seed {summary.HoldOut.Seed}, but the settings ask for {settings.ValidationFraction} with seed {settings.Seed}; run the pass with the training settings."), nameof(summary));
            validation = summary.Validation ?? throw new ArgumentOutOfRangeException("ValidationFraction", settings.ValidationFraction,
                string.Create(CultureInfo.InvariantCulture, $"ValidationFraction {settings.ValidationFraction} of {summary.Rows} rows holds out no row; raise it or pass validation data."));
        }
        var train = summary.TrainedOn(holdsOut);
        if (train.Rows < 1) throw new ArgumentException($"Training needs at least one row; {source.Name} has none to train on.", nameof(source));
        if (validation is not null) MlpEngine.CheckValidation(validation, d, groups);
        if (architecture.Task == MlpTask.Regression && validation is not null) Data.RegressionData.Check([], 0, validation);
        warmStart?.Check(architecture);

        float[]? classWeights = settings.ClassWeighting == ClassWeighting.None ? null : ClassWeights.PerClass(settings.ClassWeighting, settings.ClassWeights, train.ClassRows);
        double totalWeight = 0;
        for (int c = 0; c < train.ClassWeights.Length; c++) totalWeight += train.ClassWeights[c] * (classWeights?[c] ?? 1f);
        if (totalWeight == 0)
            throw new ArgumentException($"No training example carries weight: the example weights{(classWeights is null ? "" : " times the class weights")} " +
                $"of all {train.Rows} training rows are 0, so training would learn nothing. Give some rows a positive weight.", nameof(source));

        var standardizer = warmStart is not null ? warmStart.Standardizer : train.Standardizer(settings.FeatureScaling);
        var target = architecture.Task != MlpTask.Regression ? null : warmStart?.TargetStandardizer ?? train.TargetStandardizer();
        var network = warmStart?.Network.Clone() ?? MlpEngine.Initialized(architecture, settings);

        using var trainer = new Trainer(network, settings, (int)Math.Min(settings.BatchSize, train.Rows));
        var evaluator = validation is null ? null : new ValidationEvaluator(validation, architecture, settings, standardizer, target);
        var epochs = new StreamingEpochs(source, holdsOut ? summary.HoldOut : default, train.Rows, summary.Fingerprint, standardizer, target, classWeights, trainer, settings) { RowTrained = rowTrained };
        return trainer.Run(epochs.Run, totalWeight, standardizer, target, evaluator, warmStart);
    }
}
